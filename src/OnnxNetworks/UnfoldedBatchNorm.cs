using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks;

/// <summary>The BatchNorm put back after a Conv whose BN the exporter folded (<see cref="OnnxNetworkOptions.UnfoldBatchNorm"/>).</summary>
internal sealed record UnfoldedBatchNorm(string ConvNode, string Weight, Parameter Scale, Parameter Shift, Tensor Mean, Tensor Variance)
{
    public const double Epsilon = 1e-5;

    public const double Momentum = 0.1;

    public Tensor Apply(Tensor convolved, bool training) =>
        nn.functional.batch_norm(convolved, Mean, Variance, Scale, Shift, training, Momentum, Epsilon);
}
