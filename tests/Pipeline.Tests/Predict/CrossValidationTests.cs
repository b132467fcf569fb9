using NasPipeline.Prediction.Refitting;

namespace NasPipeline.Tests.Predict;

/// <summary>K-fold validation: every label is held out exactly once and predicted by a model that never saw it.</summary>
public sealed class CrossValidationTests
{
    [Fact]
    public async Task Every_label_is_held_out_once_by_a_fold_that_did_not_train_on_it()
    {
        double[] labels = [5, 1, 4, 2, 3, 6, 0];
        var heldCount = new int[labels.Length];

        var srcc = await CrossValidation.SpearmanAsync(labels, folds: 3, seed: 4, (train, held) =>
        {
            Assert.Empty(train.Intersect(held));
            Assert.Equal(labels.Length, train.Length + held.Length);
            foreach (var i in held)
            {
                heldCount[i]++;
            }

            // A perfect predictor that reads the held-out label itself: SRCC must then be exactly 1.
            return Task.FromResult<IReadOnlyList<double>>(held.Select(i => labels[i] * 2).ToList());
        });

        Assert.All(heldCount, c => Assert.Equal(1, c));
        Assert.Equal(1.0, srcc, 12);
    }

    [Fact]
    public async Task A_reversed_predictor_scores_minus_one_and_one_label_cannot_be_folded()
    {
        double[] labels = [1, 2, 3, 4];
        Assert.Equal(-1.0, await CrossValidation.SpearmanAsync(labels, 2, 0, (_, held) => Task.FromResult<IReadOnlyList<double>>(held.Select(i => -labels[i]).ToList())), 12);
        Assert.True(double.IsNaN(await CrossValidation.SpearmanAsync([1.0], 5, 0, (_, _) => throw new InvalidOperationException())));
    }
}
