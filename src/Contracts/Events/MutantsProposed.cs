using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>One mutant of a round: its graph's blob hash (the candidate Predict scores), the edit that made it from the
/// round's current network, and its exact cost.</summary>
public sealed record ProposedMutant(Candidate Candidate, NetworkMutation Mutation, long Macs, long Params);

/// <summary>The mutation search drew these single edits of its current network in a round (sent for scoring
/// in the same decision). Recorded so the round can be closed without extracting the mutants again.</summary>
public sealed record MutantsProposed(Guid RunId, int Round, IReadOnlyList<ProposedMutant> Mutants) : IRunMessage;
