namespace NasPipeline.Predictors.Gnn.Adapters;

using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.Predictors.Gnn.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

/// <summary>
/// A K-Adapter (Wang et al. 2021) on the GNN predictor, as AIO-P uses it: a parallel stack of GraphConv
/// layers where layer k reads [base hidden k, adapter hidden k-1] (adapter hidden 0 = the node
/// features), each followed by tanh. Its head reads [mean-pooled base hidden L, mean-pooled adapter
/// hidden L], so the adapter adds to what the frozen base knows rather than replacing it.
/// </summary>
public sealed class KAdapter : Module
{
    private readonly ModuleList<GraphConv> layers = new();
    private readonly RegressionHead head;

    public KAdapter(GraphRegressorOptions baseOptions) : base(nameof(KAdapter))
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        var width = baseOptions.Width;
        for (var k = 0; k < baseOptions.Layers; k++)
        {
            layers.Add(new GraphConv(width + (k == 0 ? NodeFeatures.Width : width), width));
        }

        head = new RegressionHead(2L * width, baseOptions.HeadWidth);
        RegisterComponents();
    }

    /// <summary>The GraphConv layers, without the head.</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> LayerParameters => layers.parameters();

    public IEnumerable<TorchSharp.Modules.Parameter> HeadParameters => head.parameters();

    /// <summary>One score per graph from the base's node states (one per base layer).</summary>
    public Tensor Forward(GraphBatch batch, IReadOnlyList<Tensor> baseStates)
    {
        ArgumentNullException.ThrowIfNull(baseStates);
        if (baseStates.Count != layers.Count)
        {
            throw new ArgumentException($"The adapter has {layers.Count} layers but the base gave {baseStates.Count} states.", nameof(baseStates));
        }

        var h = batch.Features;
        for (var k = 0; k < layers.Count; k++)
        {
            // The concatenated input and the pre-tanh output die with the step (see GraphConv.forward).
            using var step = NewDisposeScope();
            h = layers[k].forward(cat([baseStates[k], h], 1), batch.Source, batch.Target).tanh().MoveToOuterDisposeScope();
        }

        return head.forward(cat([MeanPool.Of(baseStates[^1], batch), MeanPool.Of(h, batch)], 1));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layers.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
