using NasPipeline.Prediction.Candidates;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Models;

/// <summary>AIO-P's predictor: any candidate becomes its computation graph, scored by the task's K-Adapters.</summary>
public sealed class GnnScoringModel(TaskPredictor predictor) : IScoringModel
{
    public TaskPredictor Predictor => predictor;

    public async Task<IReadOnlyList<PredictedMetric>> ScoreAsync(IReadOnlyList<Candidate> candidates, CandidateResolver resolver, CancellationToken cancellationToken)
    {
        var samples = await SamplesAsync(candidates, resolver, cancellationToken);

        // Torch calls are not thread-safe on one module: the stage scores one request per model at a time.
        lock (predictor)
        {
            return predictor.Score(samples).Select(s => new PredictedMetric(s.Mean, s.Spread)).ToList();
        }
    }

    /// <summary>The GNN's inputs for candidates: each one's computation graph, featurised.</summary>
    public static async Task<IReadOnlyList<GnnSample>> SamplesAsync(IReadOnlyList<Candidate> candidates, CandidateResolver resolver, CancellationToken cancellationToken)
    {
        var samples = new List<GnnSample>(candidates.Count);
        foreach (var candidate in candidates)
        {
            samples.Add(GnnSample.Of(await resolver.GraphAsync(candidate, cancellationToken)));
        }

        return samples;
    }

    public void Dispose() => predictor.Dispose();
}
