namespace NasPipeline.Predictors.Gnn.Layers;

using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.TorchRuntime;
using static TorchSharp.torch;

/// <summary>Per-graph mean of node rows (AIO-P's readout): graphs x width.</summary>
public static class MeanPool
{
    public static Tensor Of(Tensor nodes, GraphBatch batch)
    {
        var sums = zeros(batch.GraphCount, nodes.shape[1], dtype: nodes.dtype).index_add(0, batch.GraphIndex, nodes, HeldScalars.One);
        return sums / batch.NodeCounts.unsqueeze(1);
    }
}
