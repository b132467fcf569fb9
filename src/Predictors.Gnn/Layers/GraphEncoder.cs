namespace NasPipeline.Predictors.Gnn.Layers;

using NasPipeline.Predictors.Gnn.Featurisation;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

/// <summary>A stack of <see cref="GraphConv"/> layers, each followed by tanh. Returns every layer's node states, which K-Adapters read.</summary>
public sealed class GraphEncoder : Module
{
    private readonly ModuleList<GraphConv> layers = new();

    public GraphEncoder(long inputWidth, int depth, long width) : base(nameof(GraphEncoder))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        for (var k = 0; k < depth; k++)
        {
            layers.Add(new GraphConv(k == 0 ? inputWidth : width, width));
        }

        RegisterComponents();
    }

    public int Depth => layers.Count;

    /// <summary>Node states after layers 1..Depth, each nodes x width.</summary>
    public IReadOnlyList<Tensor> HiddenStates(GraphBatch batch)
    {
        var states = new List<Tensor>(layers.Count);
        var h = batch.Features;
        foreach (var layer in layers)
        {
            // The pre-tanh output dies with the step (see GraphConv.forward).
            using var step = NewDisposeScope();
            h = layer.forward(h, batch.Source, batch.Target).tanh().MoveToOuterDisposeScope();
            states.Add(h);
        }

        return states;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
