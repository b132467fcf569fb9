using NasPipeline.Supernet.Training;

namespace NasPipeline.Supernet.Experiments;

/// <summary>
/// Everything that decides a supernet training run, recorded whole in its event so a replay can repeat it. Defaults
/// are the budget the README's accuracy benchmark measures: NASViT's sandwich of four with cosine decay, but AdamW
/// instead of NASViT's momentum SGD, which on one epoch of Fashion-MNIST left the largest subnet 14 points lower
/// (`nasp-bench supernet-optimizer`).
/// </summary>
public sealed record SupernetRecipe(
    string Space = "mbv3-28",
    string Task = "classification",
    int Seed = 1,
    int Epochs = 1,
    int TrainImages = 55_000,
    int BatchSize = 128,
    double LearningRate = 5e-3,
    double WeightDecay = 4e-5,
    int RandomSubnets = 2,
    bool GradientProjection = true,
    bool SwitchableScaling = true,
    int? StepsPerEpoch = null,
    SupernetOptimizer Optimizer = SupernetOptimizer.AdamW)
{
    public SupernetTrainingOptions ToTrainingOptions() =>
        new(Epochs, BatchSize, LearningRate, WeightDecay, Seed, GradientProjection, RandomSubnets, StepsPerEpoch: StepsPerEpoch, Optimizer: Optimizer);
}
