using NasPipeline.Predictors.Evaluation;

namespace NasPipeline.Predictors.Tests;

/// <summary>Each seed's result keeps its test split's true and predicted values (what `predictor eval --plot` draws).</summary>
public sealed class SeedResultValuesTests
{
    [Fact]
    public void A_seed_keeps_its_test_split_values_in_split_order_beside_the_predictions()
    {
        var samples = Enumerable.Range(0, 12).Select(i => i.ToString("D2")).ToList();
        var targets = samples.Select(s => int.Parse(s) * 0.25).ToList();

        var seed = PredictorEvaluation.Run(samples, targets, _ => new NegatingPredictor(), trainSize: 4, seeds: [7]).Seeds.Single();

        var test = PredictorEvaluation.Shuffle(samples.Count, 7)[4..];
        Assert.Equal(test.Select(i => targets[i]), seed.Truth!);
        Assert.Equal(test.Select(i => -int.Parse(samples[i]) * 0.25), seed.Predicted!);
        Assert.Equal(-1, seed.Srcc, 12);
    }

    /// <summary>Predicts minus the sample's number: ranks every test split exactly backwards.</summary>
    private sealed class NegatingPredictor : IPredictor<string>
    {
        public void Fit(IReadOnlyList<string> train, IReadOnlyList<double> trainTargets)
        {
        }

        public IReadOnlyList<double> Predict(IReadOnlyList<string> test) => test.Select(s => -int.Parse(s) * 0.25).ToList();
    }
}
