using System.Collections.Immutable;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Runs;

/// <summary>
/// What the Predict stage knows of one run, as an immutable fold of its stream (<see cref="Evolve"/>): the predictors
/// it adopted or refit (<c>AdapterTrained</c>, in order: the run's predictor version is how many there are), every label
/// per task (pseudo-labels, overridden by measured metrics of adapted subnets), and the requests already scored.
/// </summary>
public sealed record RunPredictorState
{
    public static readonly RunPredictorState Empty = new();

    public Guid RunId { get; private init; }

    public int Seed { get; private init; }

    /// <summary>Whether the run ranks or constrains by latency: its candidates are then timed as they are scored.</summary>
    public bool NeedsLatency { get; private init; }

    public bool Finished { get; private init; }

    /// <summary>How many predictors the run has adopted or refit; the version a score names.</summary>
    public int Version => Trained.Count;

    public ImmutableList<AdapterTrained> Trained { get; private init; } = [];

    private ImmutableDictionary<string, ImmutableDictionary<Candidate, double>> Pseudo { get; init; } = ByTask<ImmutableDictionary<Candidate, double>>();

    private ImmutableDictionary<string, ImmutableDictionary<Candidate, double>> Measured { get; init; } = ByTask<ImmutableDictionary<Candidate, double>>();

    private ImmutableHashSet<Guid> LabelRequests { get; init; } = [];

    private ImmutableHashSet<Guid> Scored { get; init; } = [];

    /// <summary>How many labels of each task arrived, in all and when its predictor was last adopted or refit.</summary>
    private ImmutableDictionary<string, int> LabelEvents { get; init; } = ByTask<int>();

    private ImmutableDictionary<string, int> LabelEventsAtTraining { get; init; } = ByTask<int>();

    /// <summary>The task's predictor as of <paramref name="version"/> (default: now): the last one trained up to it.</summary>
    public AdapterTrained? Current(string task, int? version = null) =>
        Trained.Take(version ?? Trained.Count).LastOrDefault(t => t.Task == task);

    /// <summary>Every label of the task, by candidate; a measured metric wins over a pseudo-label of the same candidate.</summary>
    public IReadOnlyDictionary<Candidate, double> Labels(string task) =>
        (Pseudo.GetValueOrDefault(task) ?? ImmutableDictionary<Candidate, double>.Empty)
        .SetItems(Measured.GetValueOrDefault(task) ?? ImmutableDictionary<Candidate, double>.Empty);

    public IEnumerable<string> LabelledTasks => Pseudo.Keys.Union(Measured.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Whether labels of the task arrived after its predictor was last adopted or refit.</summary>
    public bool HasNewLabels(string task) => LabelEvents.GetValueOrDefault(task) > LabelEventsAtTraining.GetValueOrDefault(task);

    public bool HoldsLabels(Guid requestId) => LabelRequests.Contains(requestId);

    public bool WasScored(Guid requestId) => Scored.Contains(requestId);

    public static RunPredictorState Fold(IEnumerable<object> events) => events.Aggregate(Empty, (state, e) => state.Evolve(e));

    public RunPredictorState Evolve(object e)
    {
        var state = e is Contracts.IRunMessage message ? this with { RunId = message.RunId } : this;
        return e switch
        {
            ModelSubmitted submitted => state with
            {
                Seed = submitted.Seed,
                NeedsLatency = submitted.Point is not null
                    && (submitted.Objectives.Any(o => o?.Name == CostNames.Latency) || submitted.Constraints.Any(c => c?.Quantity == CostNames.Latency)),
            },
            AdapterTrained trained => state with
            {
                Trained = Trained.Add(trained),
                LabelEventsAtTraining = LabelEventsAtTraining.SetItem(trained.Task, LabelEvents.GetValueOrDefault(trained.Task)),
            },
            PseudoLabelReady pseudo => pseudo.Labels.Aggregate(state with { LabelRequests = LabelRequests.Add(pseudo.RequestId) },
                (s, label) => s.Label(pseudo.Task, label.Architecture, label.Value, measured: false)),
            // A fine-tuned ONNX model (a submitted network or one on its mutation path) is named by its model blob, not by a
            // computation graph the predictors read: its measurement is reported, not learned from.
            SubnetAdapted { Candidate.Kind: CandidateKind.OnnxModel } adapted => state with { LabelRequests = LabelRequests.Add(adapted.RequestId) },
            SubnetAdapted adapted => adapted.Metrics.Aggregate(state with { LabelRequests = LabelRequests.Add(adapted.RequestId) },
                (s, metric) => s.Label(metric.Key, adapted.Candidate, metric.Value, measured: true)),
            CandidateScored scored => state with { Scored = Scored.Add(scored.RequestId) },
            _ when TerminalEvents.Ends(e) => state with { Finished = true },
            _ => state,
        };
    }

    private RunPredictorState Label(string task, Candidate candidate, double value, bool measured)
    {
        var labels = measured ? Measured : Pseudo;
        var byCandidate = (labels.GetValueOrDefault(task) ?? ImmutableDictionary<Candidate, double>.Empty).SetItem(candidate, value);
        var counted = this with { LabelEvents = LabelEvents.SetItem(task, LabelEvents.GetValueOrDefault(task) + 1) };
        return measured ? counted with { Measured = labels.SetItem(task, byCandidate) } : counted with { Pseudo = labels.SetItem(task, byCandidate) };
    }

    private static ImmutableDictionary<string, T> ByTask<T>() => ImmutableDictionary.Create<string, T>(StringComparer.Ordinal);
}
