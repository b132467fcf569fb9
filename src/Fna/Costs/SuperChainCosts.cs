using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Writing;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Super;

namespace NasPipeline.Fna.Costs;

/// <summary>
/// The MACs of every candidate of every layer of a super network and of its fixed part (the stem), each counted by
/// the project's cost model (GraphExtract's <see cref="OnnxGraphExtractor"/>) on that op alone, written as ONNX at
/// the resolution it runs at. A skip costs 0.
/// </summary>
public sealed record SuperChainCosts(long FixedMacs, IReadOnlyList<IReadOnlyList<long>> CandidateMacs)
{
    public static SuperChainCosts Measure(SuperChain super, int imageSize)
    {
        var stem = (Stem)super.StemModule;
        var seed = super.Seed;
        var fixedMacs = MacsOf(seed.InputChannels, imageSize, writer => writer.Stem("x", stem));
        var (size, candidates) = (imageSize, new List<IReadOnlyList<long>>());
        foreach (var layer in super.Layers)
        {
            var costs = new List<long>();
            var outSize = size;
            for (var c = 0; c < layer.Candidates.Count; c++)
            {
                if (layer.Block(c) is not { } block)
                {
                    costs.Add(0);
                    continue;
                }

                costs.Add(MacsOf(block.InChannels, size, writer => writer.Block("x", block)));
                outSize = ((size - 1) / block.Stride) + 1;
            }

            candidates.Add(costs);
            size = outSize;
        }

        return new SuperChainCosts(fixedMacs, candidates);
    }

    /// <summary>MACs of a derived network: the fixed part plus each layer's chosen candidate.</summary>
    public long MacsOf(IReadOnlyList<int> choices) => FixedMacs + choices.Select((c, layer) => CandidateMacs[layer][c]).Sum();

    private static long MacsOf(int channels, int size, Func<ChainOnnxWriter, string> write)
    {
        var writer = new OnnxModelWriter("op").Input("x", 1, channels, size, size);
        writer.NamedNode("y", "Identity", [write(new ChainOnnxWriter(writer, withValues: false))]);
        return new OnnxGraphExtractor().Extract(writer.Output("y").Build()).TotalMacs;
    }
}
