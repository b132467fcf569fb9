namespace NasPipeline.Fna.Adaptation;

/// <summary>
/// The budget of FNA's differentiable architecture adaptation: <see cref="WarmupEpochs"/> of weight steps alone (paths
/// sampled uniformly, α untouched), then <see cref="SearchEpochs"/> alternating a weight step and an α step.
/// <see cref="CostWeight"/> is λ in task loss + λ·log10(E[MACs]). <see cref="MaxStepsPerEpoch"/> caps an epoch (null:
/// the whole weight half of the data). <see cref="AlphaBatchSize"/> is the α step's batch (null: <see cref="BatchSize"/>):
/// an α step runs every candidate of every layer, so on a CPU a smaller batch keeps it near a weight step's cost.
/// <see cref="MacBudget"/> (backbone MACs by the cost model; null: none) derives with <see cref="BudgetedDerivation"/>
/// instead of argmax.
/// </summary>
public sealed record ArchitectureAdaptationOptions(
    int WarmupEpochs,
    int SearchEpochs,
    int BatchSize,
    double WeightLearningRate,
    double AlphaLearningRate,
    double CostWeight,
    int Seed,
    int? MaxStepsPerEpoch = null,
    int? AlphaBatchSize = null,
    long? MacBudget = null)
{
    public static ArchitectureAdaptationOptions Default(int seed) => new(1, 2, 128, 1e-3, 3e-3, 0.1, seed);
}
