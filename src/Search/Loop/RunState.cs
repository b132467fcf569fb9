using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;

namespace NasPipeline.Search.Loop;

/// <summary>
/// What the search knows about one run, as a fold of its stream: the submission, the settings it started with,
/// every predicted and measured metric, and which decisions were already taken (requests sent, generations
/// reported, subnets sent for adaptation). Unknown events are ignored. Plain data; no I/O.
/// </summary>
public sealed class RunState
{
    private readonly Dictionary<string, List<(int Step, IReadOnlyDictionary<string, double> Metrics)>> _predicted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, double>> _measured = new(StringComparer.Ordinal);
    private readonly HashSet<int> _requested = [];
    private readonly HashSet<(int Iteration, int Generation)> _reported = [];
    private readonly Dictionary<string, int> _adaptRequested = new(StringComparer.Ordinal);

    public ModelSubmitted? Submission { get; private set; }

    public GraphExtracted? Graph { get; private set; }

    public SearchStarted? Started { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>
    /// The candidate's metrics as the search knew them before step <paramref name="stepLimit"/>: measured ones
    /// (SubnetAdapted) for subnets sent for adaptation in an iteration before <paramref name="iteration"/>,
    /// else the latest prediction requested before the limit. Later events never change an earlier answer,
    /// so replaying the loop from the start reproduces every past decision.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Metrics(string candidate, int iteration, int stepLimit)
    {
        if (_adaptRequested.TryGetValue(candidate, out var sentIn) && sentIn < iteration && _measured.TryGetValue(candidate, out var measured))
        {
            return measured;
        }

        return _predicted.TryGetValue(candidate, out var scores)
            ? scores.LastOrDefault(s => s.Step < stepLimit).Metrics
            : null;
    }

    /// <summary>Whether a prediction requested at <paramref name="step"/> or later exists.</summary>
    public bool HasScoreSince(string candidate, int step) =>
        _predicted.TryGetValue(candidate, out var scores) && scores.Any(s => s.Step >= step);

    public bool WasRequested(int step) => _requested.Contains(step);

    public bool WasReported(int iteration, int generation) => _reported.Contains((iteration, generation));

    public bool WasSentForAdaptation(string candidate) => _adaptRequested.ContainsKey(candidate);

    public bool IsAdapted(string candidate) => _measured.ContainsKey(candidate);

    /// <summary>Whether the candidate was sent for adaptation in an iteration before <paramref name="iteration"/>.</summary>
    public bool WasSentBefore(string candidate, int iteration) =>
        _adaptRequested.TryGetValue(candidate, out var sentIn) && sentIn < iteration;

    public static RunState Fold(IEnumerable<object> events)
    {
        var state = new RunState();
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    public RunState Apply(object e)
    {
        switch (e)
        {
            case ModelSubmitted submitted:
                Submission = submitted;
                break;
            case GraphExtracted graph:
                Graph = graph;
                break;
            case SearchStarted started:
                Started = started;
                break;
            case ScoreCandidates request:
                _requested.Add(request.Generation);
                break;
            case CandidateScored scored:
                foreach (var score in scored.Scores)
                {
                    if (!_predicted.TryGetValue(score.Candidate, out var scores))
                    {
                        _predicted[score.Candidate] = scores = [];
                    }

                    scores.Add((scored.Generation, score.Metrics));
                }

                break;
            case GenerationCompleted generation:
                _reported.Add((generation.Iteration, generation.Generation));
                break;
            case AdaptSubnet adapt:
                _adaptRequested.TryAdd(adapt.Candidate, adapt.Iteration);
                break;
            case SubnetAdapted adapted:
                _measured[adapted.Candidate] = adapted.Metrics;
                break;
            case var terminal when TerminalEvents.Ends(terminal):
                Finished = true;
                break;
        }

        return this;
    }
}
