using NasPipeline.Contracts.Events;

namespace NasPipeline.Prediction.Runs;

/// <summary>
/// What the Predict stage knows of one run, as a fold of its stream: the predictors it adopted or refit
/// (<c>AdapterTrained</c>, in order: the run's predictor version is how many there are), every label per task
/// (pseudo-labels, overridden by measured metrics of adapted subnets), and the scores already given per request.
/// </summary>
public sealed class RunPredictorState
{
    private readonly List<AdapterTrained> _trained = [];
    private readonly Dictionary<string, Dictionary<string, double>> _pseudo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, double>> _measured = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _labelRequests = [];
    private readonly HashSet<Guid> _scored = [];
    private readonly Dictionary<string, int> _labelEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _labelEventsAtTraining = new(StringComparer.Ordinal);

    public Guid RunId { get; private set; }

    public int Seed { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>How many predictors the run has adopted or refit; the version a score names.</summary>
    public int Version => _trained.Count;

    public IReadOnlyList<AdapterTrained> Trained => _trained;

    /// <summary>The task's predictor as of <paramref name="version"/> (default: now): the last one trained up to it.</summary>
    public AdapterTrained? Current(string task, int? version = null) =>
        _trained.Take(version ?? _trained.Count).LastOrDefault(t => t.Task == task);

    /// <summary>Every label of the task, by candidate; a measured metric wins over a pseudo-label of the same candidate.</summary>
    public IReadOnlyDictionary<string, double> Labels(string task)
    {
        var labels = new Dictionary<string, double>(_pseudo.GetValueOrDefault(task) ?? [], StringComparer.Ordinal);
        foreach (var (candidate, value) in _measured.GetValueOrDefault(task) ?? [])
        {
            labels[candidate] = value;
        }

        return labels;
    }

    public IEnumerable<string> LabelledTasks => _pseudo.Keys.Union(_measured.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Whether labels of the task arrived after its predictor was last adopted or refit.</summary>
    public bool HasNewLabels(string task) => _labelEvents.GetValueOrDefault(task) > _labelEventsAtTraining.GetValueOrDefault(task);

    public bool HoldsLabels(Guid requestId) => _labelRequests.Contains(requestId);

    public bool WasScored(Guid requestId) => _scored.Contains(requestId);

    public static RunPredictorState Fold(IEnumerable<object> events)
    {
        var state = new RunPredictorState();
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    public RunPredictorState Apply(object e)
    {
        if (e is Contracts.IRunMessage message)
        {
            RunId = message.RunId;
        }

        switch (e)
        {
            case ModelSubmitted submitted:
                Seed = submitted.Seed;
                break;
            case AdapterTrained trained:
                _trained.Add(trained);
                _labelEventsAtTraining[trained.Task] = _labelEvents.GetValueOrDefault(trained.Task);
                break;
            case PseudoLabelReady pseudo:
                _labelRequests.Add(pseudo.RequestId);
                foreach (var label in pseudo.Labels)
                {
                    Add(_pseudo, pseudo.Task, label.Architecture, label.Value);
                }

                break;
            case SubnetAdapted adapted:
                _labelRequests.Add(adapted.RequestId);
                foreach (var (task, value) in adapted.Metrics)
                {
                    Add(_measured, task, adapted.Candidate, value);
                }

                break;
            case CandidateScored scored:
                _scored.Add(scored.RequestId);
                break;
            case var terminal when TerminalEvents.Ends(terminal):
                Finished = true;
                break;
        }

        return this;
    }

    private void Add(Dictionary<string, Dictionary<string, double>> labels, string task, string candidate, double value)
    {
        _labelEvents[task] = _labelEvents.GetValueOrDefault(task) + 1;
        if (!labels.TryGetValue(task, out var byCandidate))
        {
            labels[task] = byCandidate = new Dictionary<string, double>(StringComparer.Ordinal);
        }

        byCandidate[candidate] = value;
    }
}
