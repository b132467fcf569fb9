namespace NasPipeline.Contracts.Events;

/// <summary>
/// The Search stage took the run on with this budget (NSGA-III population and generations per iteration,
/// NAT iterations, subnets adapted per iteration: 0 = predictor only, initial random samples) and seed.
/// Recorded so that a resumed or replayed run decides with the settings it started with.
/// </summary>
public sealed record SearchStarted(
    Guid RunId,
    string Space,
    int Population,
    int Generations,
    int Iterations,
    int AdaptPerIteration,
    int InitialSamples,
    int Seed) : IRunMessage;
