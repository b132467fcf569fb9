using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>
/// Initial values that make every residual block start as (nearly) the identity, so a subnet of any depth starts as
/// a shallow network and the sandwich's subnets agree early. Applied after the seeded weights are drawn and drawing
/// nothing, so the other weights are those of a supernet without it.
/// </summary>
/// <param name="ZeroInitResidualGamma">The last BN gamma of each MBConv block with a skip starts at 0 (BigNAS, OFA) instead of 1.</param>
/// <param name="SwitchableScalingInitial">The transformer branches' switchable scales start here (NASViT: 1e-4); null keeps 1.</param>
public sealed record SupernetInit(bool ZeroInitResidualGamma = false, double? SwitchableScalingInitial = null)
{
    public static SupernetInit None { get; } = new();

    /// <summary>NASViT's and BigNAS's choices: zero residual gammas, switchable scales at 1e-4.</summary>
    public static SupernetInit Recommended { get; } = new(true, 1e-4);

    public void Apply(nn.Module network)
    {
        using var _ = no_grad();
        foreach (var module in network.modules())
        {
            if (ZeroInitResidualGamma && module is ElasticMbConv { Residual: true } block)
            {
                block.ProjectGamma.zero_();
            }

            if (SwitchableScalingInitial is { } initial && module is SwitchableScaling scaling)
            {
                using var value = initial.ToScalar();
                foreach (var scale in scaling.Scales)
                {
                    scale.fill_(value);
                }
            }
        }
    }
}
