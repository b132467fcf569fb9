namespace NasPipeline.RunResults.Model;

/// <summary>One score a predictor gave during a run: which request (step) asked for it, with which predictor version;
/// <see cref="Clamped"/>: the tasks whose prediction was outside the metric's range and moved to its end.</summary>
public sealed record ScoredCandidate(
    string Candidate, int Generation, Guid RequestId, int PredictorVersion, IReadOnlyDictionary<string, double> Scores, double Uncertainty,
    IReadOnlyList<string>? Clamped = null);
