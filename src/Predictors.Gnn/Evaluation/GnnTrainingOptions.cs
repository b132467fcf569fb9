namespace NasPipeline.Predictors.Gnn.Evaluation;

using NasPipeline.Predictors.Gnn.Labels;

/// <summary>
/// How the evaluation predictors train a GNN or its K-Adapters on a few hundred labels. The defaults were chosen on
/// NAS-Bench-101 development splits (seeds 100-102), not on the reported seeds: see src/Predictors.Gnn/README.md.
/// </summary>
public sealed record GnnTrainingOptions
{
    public int Epochs { get; init; } = 300;

    public int Batch { get; init; } = 16;

    public double LearningRate { get; init; } = 1e-3;

    public LabelTransformKind Transform { get; init; } = LabelTransformKind.Stand;

    /// <summary>K-Adapters averaged by <see cref="GnnAdapterPredictor"/>.</summary>
    public int Adapters { get; init; } = 3;

    /// <summary>Called after each epoch with (epoch, mean training loss in transformed units).</summary>
    public Action<int, double>? EpochDone { get; init; }
}
