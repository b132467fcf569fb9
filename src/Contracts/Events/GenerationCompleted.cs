using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>A front member and its objective values. <see cref="Origins"/> says, per value, whether it was predicted,
/// measured or computed exactly; added later (runs with <see cref="SearchStarted.Rules"/> 2 on): older events read back
/// null.</summary>
public sealed record FrontMember(
    Candidate Candidate, IReadOnlyDictionary<string, double> Objectives, IReadOnlyDictionary<string, ValueOrigin>? Origins = null);

/// <summary>
/// What NSGA-III carries into the next generation, by candidate name: the candidates this generation added to the
/// archive, the selected population in its order, and the normalisation's ideal point and extreme points. The next
/// decision starts from here instead of replaying the search from generation 0.
/// </summary>
public sealed record SelectedPopulation(
    IReadOnlyList<string> Admitted, IReadOnlyList<string> Members, IReadOnlyList<double> IdealPoint, IReadOnlyList<IReadOnlyList<double>>? ExtremePoints);

/// <summary>One NSGA-III generation finished; the front and its hypervolume are what the user watches.
/// <see cref="Selected"/> was added later: older stored events read back null.</summary>
public sealed record GenerationCompleted(
    Guid RunId, int Iteration, int Generation, IReadOnlyList<FrontMember> Front, double Hypervolume, int Seed, SelectedPopulation? Selected = null) : IRunMessage;
