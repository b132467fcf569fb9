namespace NasPipeline.Predictors.Gnn;

/// <summary>AIO-P's GNN predictor settings; the defaults are the paper's (6 GraphConv layers of width 32, Adam 1e-4).</summary>
public sealed record GraphRegressorOptions
{
    public int Layers { get; init; } = 6;

    public int Width { get; init; } = 32;

    /// <summary>Hidden width of the MLP head.</summary>
    public int HeadWidth { get; init; } = 32;

    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Seeds weight initialisation and the mini-batch order.</summary>
    public long Seed { get; init; }

    /// <summary>Graphs per forward pass in Predict; bounds memory only.</summary>
    public int PredictBatch { get; init; } = 256;

    /// <summary>Nodes per forward pass in Predict (a graph larger than this goes alone): activations take about 6 KB a
    /// node, so a batch of 256 mutants of a 50,000-node network would need gigabytes. Bounds memory only, so it is not
    /// stored with a model; a loaded model gets the default.</summary>
    public int PredictNodeBudget { get; init; } = DefaultPredictNodeBudget;

    public const int DefaultPredictNodeBudget = 50_000;
}
