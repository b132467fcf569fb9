namespace NasPipeline.Contracts.Events;

/// <summary>A round of the mutation search closed: <see cref="Current"/> is the network it goes on from (with its
/// predicted metrics, MACs and params), <see cref="Kept"/> the edit it moved by, or null when no mutant qualified.</summary>
public sealed record MutationRoundCompleted(Guid RunId, int Round, FrontMember Current, Model.NetworkMutation? Kept) : IRunMessage;
