namespace NasPipeline.Contracts.Events;

/// <summary>
/// The Search stage took the run on with this budget (NSGA-III population and generations per iteration,
/// NAT iterations, subnets adapted per iteration: 0 = predictor only, initial random samples) and seed.
/// Recorded so that a resumed or replayed run decides with the settings it started with.
/// </summary>
/// <param name="MutationEta">NSGA-III's polynomial-mutation index for the search-space genes. Added later: an older
/// stream reads back null, which means <see cref="UnrecordedMutationEta"/>, the index those runs used.</param>
/// <param name="Rules">Which version of the loop's rules decided the run. Added later: null is version 1 (adaptation
/// takes the best front members by the first objective; front members carry no provenance), so older streams
/// redrive as they were decided; see <see cref="CurrentRules"/>.</param>
/// <param name="PseudoLabels">Networks pseudo-labelled per task before generation 0 (AIO-P). Added later: null is 0.</param>
public sealed record SearchStarted(
    Guid RunId,
    string Space,
    int Population,
    int Generations,
    int Iterations,
    int AdaptPerIteration,
    int InitialSamples,
    int Seed,
    double? MutationEta = null,
    int? Rules = null,
    int? PseudoLabels = null) : IRunMessage
{
    /// <summary>The paper's index (Deb &amp; Jain 2014), used by every run before the index was recorded.</summary>
    public const double UnrecordedMutationEta = 20.0;

    /// <summary>Version 2: adaptation candidates spread along the front, and every front value says whether it was
    /// predicted, measured or computed exactly.</summary>
    public const int CurrentRules = 2;
}
