using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Loop;

/// <summary>The configured budget a new run starts with (then recorded in <c>SearchStarted</c>). NAT's defaults
/// are larger (population 100, 30 iterations); these fit a CPU box.</summary>
public sealed record SearchSettings(
    int Population = 40,
    int Generations = 10,
    int Iterations = 1,
    int AdaptPerIteration = 0,
    int InitialSamples = 30)
{
    /// <summary>The budget a run gets: the submission's own parts where it gives them, these settings elsewhere.</summary>
    public SearchSettings With(SearchBudget? budget) => budget is null
        ? this
        : new SearchSettings(budget.Population ?? Population, budget.Generations ?? Generations, budget.Iterations ?? Iterations,
            budget.AdaptPerIteration ?? AdaptPerIteration, budget.InitialSamples ?? InitialSamples);

    public SearchBudget ToBudget() => new(Population, Generations, Iterations, AdaptPerIteration, InitialSamples);

    /// <summary>The budget a run recorded when it started.</summary>
    public static SearchSettings Of(SearchStarted started) =>
        new(started.Population, started.Generations, started.Iterations, started.AdaptPerIteration, started.InitialSamples);
}
