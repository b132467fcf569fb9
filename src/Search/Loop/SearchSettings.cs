namespace NasPipeline.Search.Loop;

/// <summary>The configured budget a new run starts with (then recorded in <c>SearchStarted</c>). NAT's defaults
/// are larger (population 100, 30 iterations); these fit a CPU box.</summary>
public sealed record SearchSettings(
    int Population = 40,
    int Generations = 10,
    int Iterations = 1,
    int AdaptPerIteration = 0,
    int InitialSamples = 30);
