namespace NasPipeline.Contracts.Model;

/// <summary>
/// A submission's own search budget: NSGA-III population and generations per iteration, NAT iterations, subnets
/// adapted per iteration (0 = predictor only), initial random samples, and networks pseudo-labelled per task before the
/// search starts (AIO-P; 0 = none). Each part left null takes the Search
/// stage's configured value, so a user can change one setting without knowing the others.
/// </summary>
public sealed record SearchBudget(
    int? Population = null,
    int? Generations = null,
    int? Iterations = null,
    int? AdaptPerIteration = null,
    int? InitialSamples = null,
    int? PseudoLabels = null);
