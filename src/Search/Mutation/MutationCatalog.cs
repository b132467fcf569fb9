using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Mutation;

/// <summary>Every mutation a model allows now, in a fixed order, and applying one to a copy of the model.</summary>
internal static class MutationCatalog
{
    /// <summary>Channel steps: keep 15/16, 7/8 or 3/4 of a group (at least one channel goes, at least one stays). The
    /// 15/16 step lets a search that is out of predicted-metric headroom for the coarser cuts still go on.</summary>
    private static readonly double[] ChannelKeep = [0.9375, 0.875, 0.75];

    public static IReadOnlyList<NetworkMutation> Enumerate(OnnxModelEditor model, ComputationGraph.ComputationGraph graph)
    {
        var mutations = new List<NetworkMutation>();
        foreach (var group in ChannelGroupAnalysis.Of(model).Shrinkable())
        {
            foreach (var to in ChannelKeep.Select(keep => Math.Clamp((long)Math.Floor(group.Channels * keep), 1, group.Channels - 1)).Distinct())
            {
                mutations.Add(new NetworkMutation(MutationKind.ShrinkChannels, group.Producers[0], group.Channels, to));
            }
        }

        // The first node of each name, as a search of the list finds it.
        var byName = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var n in model.Nodes)
        {
            byName.TryAdd(OnnxModelEditor.NodeName(n), n);
        }

        foreach (var node in KernelShrink.Candidates(model))
        {
            var kernel = model.Initializer(byName[node].Input[1])!.Dims[2];
            mutations.Add(new NetworkMutation(MutationKind.ShrinkKernel, node, kernel, kernel - 2));
        }

        foreach (var block in BlockRemoval.Candidates(model, TensorShapes.Of(graph)))
        {
            mutations.Add(new NetworkMutation(MutationKind.RemoveBlock, block.AddNode, block.Nodes, 0, block.Skip));
        }

        return mutations;
    }

    /// <summary>The mutated copy; the original is not touched.</summary>
    public static OnnxModelEditor Apply(OnnxModelEditor model, NetworkMutation mutation)
    {
        var copy = model.Clone();
        switch (mutation.Kind)
        {
            case MutationKind.ShrinkChannels:
                var analysis = ChannelGroupAnalysis.Of(copy);
                var group = analysis.Shrinkable().First(g => g.Producers.Contains(mutation.Target));
                ChannelShrink.Apply(copy, analysis, group, mutation.To);
                break;
            case MutationKind.ShrinkKernel:
                KernelShrink.Apply(copy, mutation.Target);
                break;
            case MutationKind.RemoveBlock:
                BlockRemoval.Apply(copy, new BlockRemoval.Block(mutation.Target, mutation.Skip!, (int)mutation.From));
                break;
        }

        return copy;
    }
}
