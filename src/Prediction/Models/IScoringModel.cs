using NasPipeline.Prediction.Candidates;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Models;

/// <summary>A predicted metric and its uncertainty (the spread of the ensemble's members), in the task's units.</summary>
public sealed record PredictedMetric(double Mean, double Spread);

/// <summary>One task's loaded predictor, whatever its kind.</summary>
public interface IScoringModel : IDisposable
{
    Task<IReadOnlyList<PredictedMetric>> ScoreAsync(IReadOnlyList<Candidate> candidates, CandidateResolver resolver, CancellationToken cancellationToken);
}
