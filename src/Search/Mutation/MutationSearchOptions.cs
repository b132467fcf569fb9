using NasPipeline.ComputationGraph;

namespace NasPipeline.Search.Mutation;

/// <summary>Budget of a mutation search: <see cref="Steps"/> rounds of <see cref="CandidatesPerStep"/> single
/// mutations of the current network; it stops early after <see cref="Patience"/> rounds without an accepted one.</summary>
public sealed record MutationSearchOptions(ExtractionOptions Extraction, long Seed)
{
    public int Steps { get; init; } = 60;

    public int CandidatesPerStep { get; init; } = 8;

    public int Patience { get; init; } = 10;
}
