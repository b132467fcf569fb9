using System.Text.Json.Serialization;
using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Training;

namespace NasPipeline.Supernet.Experiments;

/// <summary>
/// Everything that decides a supernet training run, recorded whole in its event so a replay can repeat it. Defaults
/// are the budget the README's accuracy benchmark measures: NASViT's sandwich of four with AdamW and cosine decay,
/// and issue 12's fixes (<see cref="SandwichRecipe"/>, zero-initialised residual gammas, switchable scales from 1e-4).
/// Fields added later have defaults, so the JSON of an older checkpoint still reads; it then reads as the current
/// recipe, not the one it was trained with (the weights it restores are the same either way).
/// </summary>
/// <param name="Sandwich">Loss weighting, warm-ups and clipping; null = <see cref="SandwichRecipe.Default"/>.</param>
/// <param name="ZeroInitResidualGamma">Each MBConv block with a skip starts with its last BN gamma at 0 (BigNAS, OFA).</param>
/// <param name="SwitchableScalingInitial">Initial value of the switchable scales (NASViT: 1e-4).</param>
/// <param name="KernelTransforms">OFA's kernel transformation in every depthwise layer: a smaller kernel is the larger one's centre times a learned matrix.</param>
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
    SupernetOptimizer Optimizer = SupernetOptimizer.AdamW,
    SandwichRecipe? Sandwich = null,
    bool ZeroInitResidualGamma = true,
    double SwitchableScalingInitial = 1e-4,
    bool KernelTransforms = false)
{
    [JsonIgnore]
    public SandwichRecipe SandwichOrDefault => Sandwich ?? SandwichRecipe.Default;

    [JsonIgnore]
    public SupernetInit Init => new(ZeroInitResidualGamma, SwitchableScalingInitial);

    /// <summary>This recipe with every issue-12 fix off: the training the README's earlier supernet figures measured.</summary>
    public SupernetRecipe Legacy() => this with { Sandwich = SandwichRecipe.Legacy, ZeroInitResidualGamma = false, SwitchableScalingInitial = 1.0 };

    public SupernetTrainingOptions ToTrainingOptions() =>
        new(Epochs, BatchSize, LearningRate, WeightDecay, Seed, GradientProjection, RandomSubnets, StepsPerEpoch: StepsPerEpoch, Optimizer: Optimizer, Recipe: SandwichOrDefault);
}
