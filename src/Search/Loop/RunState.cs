using System.Collections.Immutable;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Loop;

/// <summary>
/// What the search knows about one run, as an immutable fold of its stream (<see cref="Evolve"/>): the submission and
/// the budget it started with, every predicted and measured metric, the decisions already taken, and where the search
/// stands: NSGA-III's last selected population and the archive, or the mutation search's kept edits and open round.
/// Each decision starts from here, so none replays the search from its beginning. Unknown events are ignored.
/// </summary>
public sealed record RunState
{
    public static readonly RunState Empty = new();

    public ModelSubmitted? Submission { get; private init; }

    public GraphExtracted? Graph { get; private init; }

    public SearchStarted? Started { get; private init; }

    public bool Finished { get; private init; }

    /// <summary>The last NSGA-III generation reported, with the population it selected.</summary>
    public GenerationCompleted? LastGeneration { get; private init; }

    /// <summary>Generation 0 of the first iteration: its population fixes the hypervolume's scale for the whole run.</summary>
    public SelectedPopulation? FirstPopulation { get; private init; }

    /// <summary>Every candidate NSGA-III admitted, in order.</summary>
    public ImmutableList<string> Archive { get; private init; } = [];

    /// <summary>The last mutation round closed.</summary>
    public MutationRoundCompleted? LastRound { get; private init; }

    /// <summary>The edits the mutation search kept, in order: applied to the submitted model they give the current network.</summary>
    public ImmutableList<NetworkMutation> Kept { get; private init; } = [];

    /// <summary>The network after each kept edit, in order, as its round reported it (name, predicted metrics, costs).</summary>
    public ImmutableList<FrontMember> KeptPath { get; private init; } = [];

    /// <summary>FNA's derived network (<c>--fna</c>), once the Adapt stage has derived it.</summary>
    public ArchitectureDerived? Derived { get; private init; }

    /// <summary>Rounds closed since the mutation search last kept an edit.</summary>
    public int IdleRounds { get; private init; }

    private ImmutableHashSet<string> InArchive { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    private ImmutableDictionary<int, MutantsProposed> Proposals { get; init; } = ImmutableDictionary<int, MutantsProposed>.Empty;

    private ImmutableDictionary<string, ImmutableList<(int Step, CandidateScore Score)>> Predicted { get; init; } =
        ImmutableDictionary.Create<string, ImmutableList<(int, CandidateScore)>>(StringComparer.Ordinal);

    private ImmutableDictionary<string, IReadOnlyDictionary<string, double>> Measured { get; init; } =
        ImmutableDictionary.Create<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);

    private ImmutableDictionary<string, SubnetAdapted> Adaptations { get; init; } = ImmutableDictionary.Create<string, SubnetAdapted>(StringComparer.Ordinal);

    private ImmutableDictionary<string, MeasuredLatency> Latencies { get; init; } = ImmutableDictionary.Create<string, MeasuredLatency>(StringComparer.Ordinal);

    private ImmutableHashSet<int> Requested { get; init; } = [];

    private ImmutableDictionary<string, int> AdaptRequested { get; init; } = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    private ImmutableHashSet<Guid> PseudoLabelsAsked { get; init; } = [];

    private ImmutableHashSet<Guid> PseudoLabelsIn { get; init; } = [];

    /// <summary>The stream reported mutation rounds before they had an event of their own; which edits were kept is
    /// unknown, so such a run can be read and compared but not continued.</summary>
    public bool HasUpcastRounds { get; private init; }

    /// <summary>
    /// The candidate's metrics as the search knew them before step <paramref name="stepLimit"/>: measured ones
    /// (SubnetAdapted) for subnets sent for adaptation in an iteration before <paramref name="iteration"/>,
    /// else the latest prediction requested before the limit. Later events never change an earlier answer,
    /// so a redrive reproduces every past decision.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Metrics(string candidate, int iteration, int stepLimit)
    {
        if (IsMeasuredIn(candidate, iteration))
        {
            return Measured[candidate];
        }

        return Predicted.TryGetValue(candidate, out var scores)
            ? scores.LastOrDefault(s => s.Step < stepLimit).Score?.Metrics
            : null;
    }

    /// <summary>The predictor's own spread (its ensemble's standard deviation) for <paramref name="task"/> in the prediction
    /// <see cref="Metrics"/> answers with; a score recorded without per-task spreads gives its one uncertainty; 0 for a
    /// measurement or a candidate not predicted.</summary>
    public double Spread(string candidate, string task, int iteration, int stepLimit) =>
        !IsMeasuredIn(candidate, iteration) && Predicted.TryGetValue(candidate, out var scores)
            && scores.LastOrDefault(s => s.Step < stepLimit).Score is { } score
            ? score.Spreads is { } spreads ? spreads.GetValueOrDefault(task) : score.Uncertainty
            : 0;

    /// <summary>Whether <see cref="Metrics"/> answers for <paramref name="iteration"/> with the candidate's measurement:
    /// it was sent for adaptation in an earlier iteration and measured.</summary>
    public bool IsMeasuredIn(string candidate, int iteration) =>
        AdaptRequested.TryGetValue(candidate, out var sentIn) && sentIn < iteration && Measured.ContainsKey(candidate);

    /// <summary>Whether a prediction requested at <paramref name="step"/> or later exists.</summary>
    public bool HasScoreSince(string candidate, int step) =>
        Predicted.TryGetValue(candidate, out var scores) && scores.Any(s => s.Step >= step);

    public bool WasRequested(int step) => Requested.Contains(step);

    /// <summary>The candidate's latency as first recorded in the run: a later timing of the same candidate (re-scored in
    /// a later iteration) does not change what earlier decisions ranked by.</summary>
    public MeasuredLatency? Latency(string candidate) => Latencies.GetValueOrDefault(candidate);

    public bool WasSentForAdaptation(string candidate) => AdaptRequested.ContainsKey(candidate);

    public bool IsAdapted(string candidate) => Measured.ContainsKey(candidate);

    /// <summary>The Adapt stage's answer for a candidate: its measured metrics and the weights it measured them with.</summary>
    public SubnetAdapted? Adaptation(string candidate) => Adaptations.GetValueOrDefault(candidate);

    /// <summary>Whether the candidate was sent for adaptation in an iteration before <paramref name="iteration"/>.</summary>
    public bool WasSentBefore(string candidate, int iteration) =>
        AdaptRequested.TryGetValue(candidate, out var sentIn) && sentIn < iteration;

    public bool InArchiveAlready(string candidate) => InArchive.Contains(candidate);

    /// <summary>Whether a pseudo-label was asked for under this request id.</summary>
    public bool WasPseudoLabelAsked(Guid requestId) => PseudoLabelsAsked.Contains(requestId);

    /// <summary>Whether any pseudo-label was asked for.</summary>
    public bool PseudoLabelsWereAsked => !PseudoLabelsAsked.IsEmpty;

    /// <summary>Whether every pseudo-label asked for arrived.</summary>
    public bool AllPseudoLabelsIn => PseudoLabelsAsked.IsSubsetOf(PseudoLabelsIn);

    /// <summary>Whether the pseudo-label of this request id arrived.</summary>
    public bool HasPseudoLabel(Guid requestId) => PseudoLabelsIn.Contains(requestId);

    /// <summary>The mutants drawn in a round, if that round was proposed.</summary>
    public MutantsProposed? Proposal(int round) => Proposals.GetValueOrDefault(round);

    public static RunState Fold(IEnumerable<object> events) => events.Aggregate(Empty, (state, e) => state.Evolve(e));

    public RunState Evolve(object e) => e switch
    {
        ModelSubmitted submitted => this with { Submission = submitted },
        GraphExtracted graph => this with { Graph = graph },
        SearchStarted started => this with { Started = started },
        ScoreCandidates request => this with { Requested = Requested.Add(request.Generation) },
        CandidateScored scored => this with
        {
            Predicted = scored.Scores.Aggregate(Predicted, AddScore(scored.Generation)),
            Latencies = scored.Scores.Where(s => s.Latency is not null && !Latencies.ContainsKey(s.Candidate.Name))
                .Aggregate(Latencies, (latencies, s) => latencies.SetItem(s.Candidate.Name, s.Latency!)),
        },
        GenerationCompleted generation when Started?.Space == MutationSearchDecider.SpaceName => Evolve(UpcastRound(generation)) with { HasUpcastRounds = true },
        GenerationCompleted generation => Select(generation),
        MutantsProposed proposed => this with { Proposals = Proposals.SetItem(proposed.Round, proposed) },
        MutationRoundCompleted round => this with
        {
            LastRound = round,
            Kept = round.Kept is { } kept ? Kept.Add(kept) : Kept,
            KeptPath = round.Kept is not null ? KeptPath.Add(round.Current) : KeptPath,
            IdleRounds = round.Kept is null ? IdleRounds + 1 : 0,
        },
        AdaptSubnet adapt when !AdaptRequested.ContainsKey(adapt.Candidate.Name) => this with { AdaptRequested = AdaptRequested.Add(adapt.Candidate.Name, adapt.Iteration) },
        ArchitectureDerived derived => this with { Derived = derived },
        PseudoLabelRequested asked => this with { PseudoLabelsAsked = PseudoLabelsAsked.Add(asked.RequestId) },
        PseudoLabelReady ready => this with { PseudoLabelsIn = PseudoLabelsIn.Add(ready.RequestId) },
        SubnetAdapted adapted => this with
        {
            Measured = Measured.SetItem(adapted.Candidate.Name, adapted.Metrics),
            Adaptations = Adaptations.SetItem(adapted.Candidate.Name, adapted),
        },
        _ when TerminalEvents.Ends(e) => this with { Finished = true },
        _ => this,
    };

    private RunState Select(GenerationCompleted generation)
    {
        var admitted = generation.Selected?.Admitted.Where(c => !InArchive.Contains(c)).Distinct().ToList() ?? [];
        return this with
        {
            LastGeneration = generation,
            FirstPopulation = FirstPopulation ?? generation.Selected,
            Archive = Archive.AddRange(admitted),
            InArchive = InArchive.Union(admitted),
        };
    }

    private static Func<ImmutableDictionary<string, ImmutableList<(int, CandidateScore)>>, CandidateScore,
        ImmutableDictionary<string, ImmutableList<(int, CandidateScore)>>> AddScore(int step) =>
        (predicted, score) => predicted.SetItem(score.Candidate.Name,
            (predicted.GetValueOrDefault(score.Candidate.Name) ?? []).Add((step, score)));

    /// <summary>Streams recorded before the mutation search had events of its own reported a round as a one-member
    /// <see cref="GenerationCompleted"/>; which edit it kept was not recorded.</summary>
    public static MutationRoundCompleted UpcastRound(GenerationCompleted generation) =>
        new(generation.RunId, generation.Generation, generation.Front[0], null);
}
