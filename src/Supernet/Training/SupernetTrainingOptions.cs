namespace NasPipeline.Supernet.Training;

/// <summary>How a supernet is trained for one task. The defaults after <paramref name="Optimizer"/> are the recipe of issue 12;
/// <see cref="Legacy"/> turns each of them back to what the trainer did before.</summary>
/// <param name="GradientProjection">Combine the largest subnet's gradient and the others' with NASViT's projection instead of summing them.</param>
/// <param name="StepsPerEpoch">Cap on steps per epoch (tiny budgets, tests); null = one pass over the data.</param>
/// <param name="Optimizer">Momentum SGD or AdamW (NASViT's), which converges much faster on short CPU budgets.</param>
/// <param name="Recipe">The sandwich's loss weighting, schedule and clipping.</param>
public sealed record SupernetTrainingOptions(
    int Epochs,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    int Seed,
    bool GradientProjection = false,
    int RandomSubnets = 2,
    double Momentum = 0.9,
    int? StepsPerEpoch = null,
    SupernetOptimizer Optimizer = SupernetOptimizer.Sgd,
    SandwichRecipe? Recipe = null)
{
    public SandwichRecipe Sandwich => Recipe ?? SandwichRecipe.Default;

    /// <summary>These options with every issue-12 change off: the trainer as it was before.</summary>
    public SupernetTrainingOptions Legacy() => this with { Recipe = SandwichRecipe.Legacy };
}

public enum SupernetOptimizer
{
    Sgd,
    AdamW,
}

/// <summary>One step's outcome, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Loss">The largest subnet's task loss.</param>
/// <param name="DistillationLoss">Mean in-place distillation loss of the other subnets (0 while the teacher warms up alone).</param>
/// <param name="ImagesPerSecond">Batch images through the whole sandwich step per second.</param>
public sealed record SupernetStepReport(int Epoch, int Step, double Loss, double DistillationLoss, double GradientConflict, double ImagesPerSecond);

/// <summary>An epoch's summary; <paramref name="GradientConflictRate"/> is the mean per-step share of conflicting tensors.</summary>
public sealed record SupernetEpochReport(int Epoch, int Steps, double MeanLoss, double MeanDistillationLoss, double GradientConflictRate, double Seconds);
