using NasPipeline.Prediction.Candidates;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Gnn.Training;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Models;

/// <summary>AIO-P's predictor: any candidate becomes its computation graph, scored by the task's K-Adapters.</summary>
public sealed class GnnScoringModel(TaskPredictor predictor) : IScoringModel
{
    public TaskPredictor Predictor => predictor;

    public async Task<IReadOnlyList<PredictedMetric>> ScoreAsync(IReadOnlyList<Candidate> candidates, CandidateResolver resolver, CancellationToken cancellationToken)
    {
        // Featurised slice by slice, each slice one forward pass's worth (the limits GraphRegressor batches by), so only
        // one slice's features are held however many candidates there are: 40 mutants of a 50,000-node network held
        // all 40 at once. Cut where the forward passes are cut anyway, the scores equal scoring the whole list.
        var (graphs, nodes) = predictor.PredictBatchLimits;
        var scores = new List<PredictedMetric>(candidates.Count);
        var slice = new List<GnnSample>();
        long sliceNodes = 0;
        foreach (var candidate in candidates)
        {
            var sample = GnnSample.Of(await resolver.GraphAsync(candidate, cancellationToken));
            if (MiniBatches.ClosesBefore(slice.Count, sliceNodes, sample.Graph.NodeCount, graphs, nodes))
            {
                scores.AddRange(Score(slice));
                slice.Clear();
                sliceNodes = 0;
            }

            slice.Add(sample);
            sliceNodes += sample.Graph.NodeCount;
        }

        if (slice.Count > 0)
        {
            scores.AddRange(Score(slice));
        }

        return scores;
    }

    private IEnumerable<PredictedMetric> Score(IReadOnlyList<GnnSample> samples)
    {
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
