using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>One candidate's predicted metrics; <see cref="Latency"/> is measured, and present when the run has latency as an
/// objective or constraint. <see cref="Clamped"/> names the tasks whose prediction fell outside the metric's range
/// (<see cref="MetricRange"/>) and was moved to its nearest end; null or empty when none was. <see cref="Uncertainty"/> is
/// the largest of the tasks' spreads; <see cref="Spreads"/> gives each task's own, in its metric's units (null in events
/// recorded before it, where <see cref="Uncertainty"/> stands for every task).</summary>
public sealed record CandidateScore(
    Candidate Candidate, IReadOnlyDictionary<string, double> Metrics, double Uncertainty, MeasuredLatency? Latency = null, IReadOnlyList<string>? Clamped = null,
    IReadOnlyDictionary<string, double>? Spreads = null);

/// <summary>
/// Predicted metrics for a batch of candidates, with the run's predictor version that produced them (how many
/// <see cref="AdapterTrained"/> its stream held: each task's latest one up to that count scored it). A request's
/// candidates come in <see cref="BatchCount"/> batches numbered from 0.
/// </summary>
public sealed record CandidateScored(
    Guid RunId, Guid RequestId, int Generation, int PredictorVersion, IReadOnlyList<CandidateScore> Scores, int Batch = 0, int BatchCount = 1) : IRunMessage;
