using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.RunResults.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.RunResults.Folding;

/// <summary>
/// Folds a run's events, in stream order, into what it found (<see cref="RunResult"/>): fronts with each value traced to
/// the prediction or measurement it came from at the time it was reported, the path of a mutation search, every score.
/// Plain data, no I/O: the CLI and a dashboard feed it the stored stream. Unknown events are ignored.
/// </summary>
public sealed class RunResultFold(SearchSpaceRegistry spaces)
{
    private readonly ValueProvenance _provenance = new();
    private readonly CandidateCosts _costs = new(spaces);
    private readonly List<GenerationFront> _generations = [];
    private readonly List<ScoredCandidate> _candidates = [];
    private readonly List<PathStep> _kept = [];
    private ModelSubmitted? _submission;
    private GraphExtracted? _graph;
    private IReadOnlyList<FrontRow>? _final;
    private IReadOnlyList<string> _objectives = [];
    private string? _keptModel;
    private MeasuredNetworks? _measured;
    private ArchitectureDerived? _derived;
    private string? _failure;

    public static RunResult Of(Guid runId, IEnumerable<object> events, SearchSpaceRegistry spaces)
    {
        var fold = new RunResultFold(spaces);
        foreach (var e in events)
        {
            fold.Apply(e);
        }

        return fold.Result(runId);
    }

    public RunKind Kind => _submission switch
    {
        { Onnx: not null } => RunKind.Onnx,
        { Point: not null } => RunKind.Space,
        _ => RunKind.Unknown,
    };

    public void Apply(object e)
    {
        _provenance.Apply(e);
        switch (e)
        {
            case ModelSubmitted submitted:
                _submission = submitted;
                break;
            case GraphExtracted graph:
                _graph = graph;
                break;
            case CandidateScored scored:
                _candidates.AddRange(scored.Scores.Select(s =>
                    new ScoredCandidate(s.Candidate.Name, scored.Generation, scored.RequestId, scored.PredictorVersion, s.Metrics, s.Uncertainty, s.Clamped ?? [])));
                break;
            case GenerationCompleted generation:
                var rows = Rows(generation.Front);
                _generations.Add(new GenerationFront(generation.Iteration, generation.Generation, rows));
                if (Kind == RunKind.Onnx && rows.Count == 1)
                {
                    // Recorded before the mutation search had events of its own: a round, its edit not recorded.
                    Keep(rows[0], generation.Generation, mutation: null);
                }

                break;
            case MutationRoundCompleted round:
                var current = Rows([round.Current]);
                _generations.Add(new GenerationFront(0, round.Round, current));
                Keep(current[0], round.Round, round.Kept?.ToString());
                break;
            case SearchCompleted completed:
                _final = Rows(completed.Front);
                _keptModel = completed.ModelBlobHash;
                _measured = completed.Measured;
                if (Kind == RunKind.Onnx && _final.Count == 1)
                {
                    Keep(_final[0], round: null, mutation: _derived is { } derived ? $"FNA: {derived.Derived}" : null);
                }

                break;
            case ArchitectureDerived derived:
                _derived = derived;
                break;
            case RunFailed failed:
                _failure = $"failed in {failed.Stage}: {failed.Reason}";
                break;
            case SubmissionRejected rejected:
                _failure = $"rejected by {rejected.Stage} ({rejected.Kind}): {rejected.Reason}";
                break;
        }
    }

    public RunResult Result(Guid runId) => new(
        runId,
        Kind,
        _final is not null,
        _submission?.Tasks ?? [],
        _objectives,
        Submitted(),
        _final ?? (_generations.Count > 0 ? _generations[^1].Members : []),
        Kind == RunKind.Onnx ? Path() : [],
        _generations.ToList(),
        _candidates.ToList(),
        _keptModel,
        _failure,
        _measured,
        _derived?.Derived);

    /// <summary>The submitted network as the search named it (a point repaired to its canonical form, or the graph's
    /// hash), with its exact costs and the latest predictions it got.</summary>
    private FrontRow? Submitted()
    {
        var tasks = _submission?.Tasks ?? [];
        switch (_submission)
        {
            case { Point: { } point } when spaces.TryGet(point.Space, out var space) && point.Encoding.Count == space.Genes.Count:
                var candidate = CandidateCodec.Encode(space.Name, space.Repair(point.Encoding));
                var cost = _costs.Of(candidate);
                return new FrontRow(candidate, cost?.Macs, cost?.Params, _provenance.LatestPredictions(candidate, tasks));
            case { Onnx: not null } when _graph is not null:
                return new FrontRow(_graph.GraphBlobHash, _graph.Macs, _graph.Params, _provenance.LatestPredictions(_graph.GraphBlobHash, tasks));
            default:
                return null;
        }
    }

    /// <summary>The submitted network, then every network the search moved to.</summary>
    private List<PathStep> Path()
    {
        if (Submitted() is not { } submitted)
        {
            return [];
        }

        var path = new List<PathStep> { new(0, null, submitted.Candidate, null, submitted.Macs ?? 0, submitted.Params ?? 0, submitted.Values) };
        path.AddRange(_kept.Select((s, i) => s with { Step = i + 1 }));
        return path;
    }

    /// <summary>A mutation search reports its current network each round; a new one is a step of the path.</summary>
    private void Keep(FrontRow current, int? round, string? mutation)
    {
        var last = _kept.Count > 0 ? _kept[^1].Candidate : _graph?.GraphBlobHash;
        if (current.Candidate == last)
        {
            return;
        }

        _kept.Add(new PathStep(0, round, current.Candidate, mutation, current.Macs ?? 0, current.Params ?? 0,
            current.Values.Where(v => v.Source != ValueSource.Exact).ToList()));
    }

    private List<FrontRow> Rows(IReadOnlyList<FrontMember> front)
    {
        if (_objectives.Count == 0 && front.Count > 0)
        {
            _objectives = front[0].Objectives.Keys.ToList();
        }

        return front.Select(Row).ToList();
    }

    /// <summary>A value traced to the event holding it; where the search recorded the value's origin (runs since
    /// rules version 2) that record wins, since a prediction and a measurement can hold the same number.</summary>
    private ResultValue Traced(FrontMember member, string name, double value)
    {
        var traced = _provenance.Of(member.Candidate.Name, name, value);
        if (member.Origins is null || !member.Origins.TryGetValue(name, out var origin))
        {
            return traced;
        }

        var source = origin switch
        {
            ValueOrigin.Exact => ValueSource.Exact,
            ValueOrigin.Measured => ValueSource.Measured,
            _ => ValueSource.Predicted,
        };
        return traced.Source == source ? traced : new ResultValue(name, value, source);
    }

    /// <summary>Costs are exact: a space point's own count, else (a mutation search's graph) the count the search reported.</summary>
    private FrontRow Row(FrontMember member)
    {
        var cost = _costs.Of(member.Candidate.Name);
        long? Reported(string name) => member.Objectives.TryGetValue(name, out var v) ? (long)v : null;
        var values = member.Objectives.Select(o => o.Key switch
        {
            CostNames.Latency => new ResultValue(o.Key, o.Value, ValueSource.Measured, "ONNX Runtime, ms"),
            _ when CostNames.All.Contains(o.Key) => ResultValue.Exact(o.Key, o.Value),
            _ => Traced(member, o.Key, o.Value),
        }).ToList();
        return new FrontRow(member.Candidate.Name, cost?.Macs ?? Reported(CostNames.Macs), cost?.Params ?? Reported(CostNames.Params), values);
    }
}
