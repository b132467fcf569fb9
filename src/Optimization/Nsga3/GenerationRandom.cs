using NasPipeline.Contracts.Seeds;

namespace NasPipeline.Optimization.Nsga3;

/// <summary>A Random for one generation from the run's seed and the generation number, so an event-driven run
/// can resume or replay any generation without carrying a generator's internal state.</summary>
public static class GenerationRandom
{
    public static Random Create(long runSeed, int generation) => new(SplitMix64.Derive(runSeed, generation));
}
