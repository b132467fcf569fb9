using System.Collections.Immutable;
using NasPipeline.Contracts.Events;

namespace NasPipeline.Adaptation.PseudoLabels.Planning;

/// <summary>What the PseudoLabel stage knows of a run, folded from its stream: the submission, the requests not yet
/// answered (in the order asked), and each task's shared head.</summary>
public sealed record PseudoLabelRunState
{
    public static readonly PseudoLabelRunState Empty = new();

    public ModelSubmitted? Submission { get; private init; }

    public bool Finished { get; private init; }

    /// <summary>Requests without a <see cref="PseudoLabelReady"/>, oldest first.</summary>
    public ImmutableList<PseudoLabelRequested> Pending { get; private init; } = [];

    /// <summary>The run's shared head per task.</summary>
    public ImmutableDictionary<string, SharedHeadTrained> Heads { get; private init; } =
        ImmutableDictionary.Create<string, SharedHeadTrained>(StringComparer.Ordinal);

    private ImmutableHashSet<Guid> Answered { get; init; } = [];

    public PseudoLabelRunState Evolve(object e) => e switch
    {
        ModelSubmitted submitted => this with { Submission = submitted },
        PseudoLabelRequested asked when !Answered.Contains(asked.RequestId) && Pending.All(p => p.RequestId != asked.RequestId) =>
            this with { Pending = Pending.Add(asked) },
        PseudoLabelReady ready => this with { Answered = Answered.Add(ready.RequestId), Pending = Pending.RemoveAll(p => p.RequestId == ready.RequestId) },
        SharedHeadTrained head when !Heads.ContainsKey(head.Task) => this with { Heads = Heads.Add(head.Task, head) },
        _ when TerminalEvents.Ends(e) => this with { Finished = true },
        _ => this,
    };
}
