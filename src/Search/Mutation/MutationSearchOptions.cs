using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Mutation;

/// <summary>Budget of a mutation search: <see cref="Steps"/> rounds of <see cref="CandidatesPerStep"/> single
/// mutations of the current network; it stops early after <see cref="Patience"/> rounds without an accepted one.
/// <see cref="MaxStepCut"/> and <see cref="StepRule"/> are a submission's <c>--max-step-cut</c> and <c>--step-rule</c>.</summary>
public sealed record MutationSearchOptions(ExtractionOptions Extraction, long Seed)
{
    public int Steps { get; init; } = 60;

    public int CandidatesPerStep { get; init; } = 8;

    public int Patience { get; init; } = 10;

    public double? MaxStepCut { get; init; }

    public MutationStepRule? StepRule { get; init; }
}
