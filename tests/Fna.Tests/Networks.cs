using NasPipeline.Fna.Chains;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Tests;

/// <summary>Seeded chains whose BatchNorms hold non-trivial statistics, so a remapping that drops or misplaces a
/// tensor shows in the outputs.</summary>
internal static class Networks
{
    public static ChainNetwork Seed(int seed = 1, ChainArchitecture? architecture = null)
    {
        random.manual_seed(seed);
        var network = new ChainNetwork(architecture ?? ChainArchitecture.MobileNetV2Like());
        Stir(network, seed);
        return network;
    }

    /// <summary>Random BN affine parameters and a few train-mode passes, so running statistics differ from 0 and 1.</summary>
    public static void Stir(IBackbone network, int seed)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        using (no_grad())
        {
            foreach (var (_, parameter) in network.Module.named_parameters())
            {
                if (parameter.dim() == 1)
                {
                    parameter.copy_(rand(parameter.shape, generator: generator).add(ones(parameter.shape), HeldScalars.One));
                }
            }
        }

        network.Module.train();
        using (no_grad())
        {
            for (var i = 0; i < 3; i++)
            {
                network.Forward(rand(8, 1, 28, 28, generator: generator));
            }
        }

        network.Module.eval();
    }

    public static Tensor Images(int seed, int count = 4) => rand(count, 1, 28, 28, generator: new Generator((ulong)seed));

    public static float MaxDifference(Tensor[] a, Tensor[] b) =>
        a.Zip(b).Max(p => p.First.sub(p.Second).abs().max().item<float>());
}
