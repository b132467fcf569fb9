using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Metrics;

namespace NasPipeline.Prediction.Registry;

/// <summary>A task's starting predictor, trained the AIO-P way, with the SRCC it reaches on labels it did not see.</summary>
public sealed record TrainedPredictor(TaskPredictor Predictor, int TrainCount, int ValidationCount, double ValidationSrcc) : IDisposable
{
    public void Dispose() => Predictor.Dispose();
}

/// <summary>
/// Trains the predictor a task is registered with: a GNN base pretrained on a source task (or, without one, on the
/// training split of the task itself), then K-Adapters on the task's training split with the base frozen. A seeded
/// share of the labels is held out for the validation SRCC.
/// </summary>
public static class PredictorTraining
{
    public static TrainedPredictor Train(
        IReadOnlyList<GnnSample> samples, IReadOnlyList<double> labels, (IReadOnlyList<GnnSample> Samples, IReadOnlyList<double> Labels)? pretrain,
        GnnTrainingOptions pretrainOptions, GnnTrainingOptions adapterOptions, double validationFraction, int seed)
    {
        if (validationFraction is < 0 or >= 1)
        {
            throw new ArgumentException($"The validation share must be in [0, 1), not {validationFraction}.");
        }

        var order = PredictorEvaluation.Shuffle(samples.Count, seed);
        var held = order[..(int)Math.Round(validationFraction * samples.Count)];
        var train = order[held.Length..];
        if (train.Length < 2)
        {
            throw new ArgumentException($"Only {train.Length} labelled architecture(s) left to train on; at least 2 are needed.");
        }

        var trainSamples = train.Select(i => samples[i]).ToList();
        var trainLabels = train.Select(i => labels[i]).ToList();
        var source = pretrain ?? (trainSamples, trainLabels);
        using var pretrained = PretrainedGnn.Fit(source.Samples, source.Labels, pretrainOptions, seed);
        var predictor = TaskPredictor.Fit(pretrained.Regressor, trainSamples, trainLabels, adapterOptions, seed);
        var srcc = held.Length >= 2
            ? RankCorrelation.Spearman(held.Select(i => labels[i]).ToList(), predictor.Predict(held.Select(i => samples[i]).ToList()))
            : double.NaN;
        return new TrainedPredictor(predictor, train.Length, held.Length, srcc);
    }
}
