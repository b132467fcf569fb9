using NasPipeline.Contracts.Events;
using NasPipeline.RunResults.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.RunResults.Folding;

/// <summary>
/// Every prediction and measurement of a run's candidates seen so far, to say where a value the search reported came
/// from. The search copies a metric from one of these events unchanged (measured when it has a measurement in time,
/// else its latest prediction), so a value is traced by exact equality: a measurement first, then the latest
/// prediction holding it; no match is <see cref="ValueSource.Unknown"/> rather than a guess.
/// </summary>
public sealed class ValueProvenance
{
    private readonly Dictionary<string, List<(int Version, IReadOnlyDictionary<string, double> Metrics)>> _predicted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string How, IReadOnlyDictionary<string, double> Metrics)>> _measured = new(StringComparer.Ordinal);
    private readonly List<AdapterTrained> _predictors = [];

    public void Apply(object e)
    {
        switch (e)
        {
            case AdapterTrained trained:
                _predictors.Add(trained);
                break;
            case CandidateScored scored:
                foreach (var score in scored.Scores)
                {
                    Add(_predicted, score.Candidate.Name, (scored.PredictorVersion, score.Metrics));
                }

                break;
            case SubnetAdapted adapted:
                Add(_measured, adapted.Candidate.Name, ("adapted subnet", adapted.Metrics));
                break;
            case SubnetEvaluated evaluated:
                Add(_measured, CandidateCodec.Encode(evaluated.Point.Space, evaluated.Point.Encoding),
                    ($"evaluated subnet ({evaluated.Split})", new Dictionary<string, double>(StringComparer.Ordinal) { [evaluated.Task] = evaluated.Value }));
                break;
        }
    }

    /// <summary>Where <paramref name="value"/> of <paramref name="name"/> for <paramref name="candidate"/> came from.</summary>
    public ResultValue Of(string candidate, string name, double value)
    {
        if (_measured.TryGetValue(candidate, out var measurements))
        {
            for (var i = measurements.Count - 1; i >= 0; i--)
            {
                if (measurements[i].Metrics.TryGetValue(name, out var measured) && measured.Equals(value))
                {
                    return new ResultValue(name, value, ValueSource.Measured, measurements[i].How);
                }
            }
        }

        if (_predicted.TryGetValue(candidate, out var predictions))
        {
            for (var i = predictions.Count - 1; i >= 0; i--)
            {
                if (predictions[i].Metrics.TryGetValue(name, out var predicted) && predicted.Equals(value))
                {
                    return Predicted(name, value, predictions[i].Version);
                }
            }
        }

        return new ResultValue(name, value, ValueSource.Unknown);
    }

    /// <summary>The candidate's latest prediction of each name, with the predictor that gave it; none for a name never scored.</summary>
    public IReadOnlyList<ResultValue> LatestPredictions(string candidate, IReadOnlyList<string> names)
    {
        if (!_predicted.TryGetValue(candidate, out var predictions))
        {
            return [];
        }

        return names.Select(n => predictions.LastOrDefault(p => p.Metrics.ContainsKey(n)) is { Metrics: not null } latest
                ? Predicted(n, latest.Metrics[n], latest.Version)
                : null)
            .OfType<ResultValue>().ToList();
    }

    /// <summary>A run's predictor version counts its AdapterTrained events; the task's latest one up to it scored the value
    /// and is named with its own version ("gnn-adapter v1"); with none recorded, the run's version alone ("predictor v1").</summary>
    private ResultValue Predicted(string name, double value, int version)
    {
        var model = _predictors.LastOrDefault(p => p.Task == name && p.Version <= version);
        return new ResultValue(name, value, ValueSource.Predicted, model is null ? $"predictor v{version}" : $"{model.Model} v{model.Version}", version);
    }

    private static void Add<T>(Dictionary<string, List<T>> byCandidate, string candidate, T item)
    {
        if (!byCandidate.TryGetValue(candidate, out var items))
        {
            byCandidate[candidate] = items = [];
        }

        items.Add(item);
    }
}
