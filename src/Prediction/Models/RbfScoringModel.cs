using NasPipeline.Prediction.Candidates;
using NasPipeline.Predictors.Rbf;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Prediction.Models;

/// <summary>NAT's online surrogate: the RBF ensemble on the genes of one search space's points.</summary>
public sealed class RbfScoringModel : IScoringModel
{
    private readonly RbfEnsemble _ensemble;

    public RbfScoringModel(RbfTrainingSet trainingSet)
    {
        TrainingSet = trainingSet;
        _ensemble = new RbfEnsemble(trainingSet.Members, seed: trainingSet.Seed);
        _ensemble.Fit(trainingSet.Genes.Select(Features).ToList(), trainingSet.Targets);
    }

    public RbfTrainingSet TrainingSet { get; }

    public Task<IReadOnlyList<PredictedMetric>> ScoreAsync(IReadOnlyList<Candidate> candidates, CandidateResolver resolver, CancellationToken cancellationToken)
    {
        var scores = candidates.Select(candidate =>
        {
            if (!resolver.TryPoint(candidate, out var space, out var genes) || space.Name != TrainingSet.Space)
            {
                throw new PredictionException("InvalidCandidate",
                    $"The task's RBF ensemble was fitted on {TrainingSet.Space} points; it cannot score '{candidate}'.");
            }

            return Predict(space.Repair(genes).ToArray());
        }).ToList();
        return Task.FromResult<IReadOnlyList<PredictedMetric>>(scores);
    }

    public PredictedMetric Predict(int[] genes)
    {
        var prediction = _ensemble.Predict(Features(genes));
        return new PredictedMetric(prediction.Mean, prediction.Spread);
    }

    public static double[] Features(int[] genes) => genes.Select(g => (double)g).ToArray();

    public void Dispose()
    {
    }
}
