using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Loop;

/// <summary>The configured budget a new run starts with (then recorded in <c>SearchStarted</c>). NAT's defaults
/// are larger (population 100, 30 iterations); these fit a CPU box.</summary>
/// <param name="MutationEta">Polynomial-mutation index for the genes of a search-space run. NAT's code uses 1: with
/// the paper's 20 a 3-valued gene picked for mutation changes about 2% of the time, with 1 about 59% (middle value)
/// or 34% (end values), so mutation explores. Null only for a run re-driven from a stream that recorded none.</param>
/// <param name="Rules">The loop's rules version a new run records (<see cref="SearchStarted.CurrentRules"/>); null
/// only when re-driving a stream recorded before rules had versions.</param>
/// <param name="PseudoLabels">Space points pseudo-labelled per task of the run before generation 0 (AIO-P), so each
/// task's predictor is refit on labels of its own; 0 turns it off.</param>
public sealed record SearchSettings(
    int Population = 40,
    int Generations = 10,
    int Iterations = 1,
    int AdaptPerIteration = 0,
    int InitialSamples = 30,
    double? MutationEta = SearchSettings.NatMutationEta,
    int? Rules = SearchStarted.CurrentRules,
    int PseudoLabels = 0)
{
    public const double NatMutationEta = 1.0;

    /// <summary>The budget a run gets: the submission's own parts where it gives them, these settings elsewhere.</summary>
    public SearchSettings With(SearchBudget? budget) => budget is null
        ? this
        : this with
        {
            Population = budget.Population ?? Population,
            Generations = budget.Generations ?? Generations,
            Iterations = budget.Iterations ?? Iterations,
            AdaptPerIteration = budget.AdaptPerIteration ?? AdaptPerIteration,
            InitialSamples = budget.InitialSamples ?? InitialSamples,
            PseudoLabels = budget.PseudoLabels ?? PseudoLabels,
        };

    public SearchBudget ToBudget() => new(Population, Generations, Iterations, AdaptPerIteration, InitialSamples, PseudoLabels);

    /// <summary>The settings a run recorded when it started, absent parts as absent, so a redrive records them alike.</summary>
    public static SearchSettings Of(SearchStarted started) =>
        new(started.Population, started.Generations, started.Iterations, started.AdaptPerIteration, started.InitialSamples,
            started.MutationEta, started.Rules, started.PseudoLabels ?? 0);
}
