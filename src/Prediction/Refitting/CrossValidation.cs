using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Metrics;

namespace NasPipeline.Prediction.Refitting;

/// <summary>K-fold out-of-fold predictions and their Spearman correlation with the labels: the validation SRCC an
/// <c>AdapterTrained</c> reports, from the same recipe as the refit itself. NaN when there are too few labels to fold.</summary>
public static class CrossValidation
{
    public static async Task<double> SpearmanAsync(
        IReadOnlyList<double> labels, int folds, int seed, Func<int[], int[], Task<IReadOnlyList<double>>> fitAndPredict)
    {
        var count = labels.Count;
        folds = Math.Min(folds, count);
        if (folds < 2)
        {
            return double.NaN;
        }

        var order = PredictorEvaluation.Shuffle(count, seed);
        var predicted = new double[count];
        for (var fold = 0; fold < folds; fold++)
        {
            var held = order.Where((_, i) => i % folds == fold).ToArray();
            var train = order.Where((_, i) => i % folds != fold).ToArray();
            var predictions = await fitAndPredict(train, held);
            for (var i = 0; i < held.Length; i++)
            {
                predicted[held[i]] = predictions[i];
            }
        }

        return RankCorrelation.Spearman(labels, predicted);
    }
}
