using NasPipeline.Predictors.Encoding;
using NasPipeline.Predictors.Evaluation;

namespace NasPipeline.Predictors.Tests;

public sealed class EncodingAndEvaluationTests
{
    [Fact]
    public void Tokens_are_single_digits_and_words()
    {
        Assert.Equal(8, EncodingTokens.Split("02012100").Length);
        Assert.Equal(["nor_conv_", "3", "x", "3", "0", "skip_connect", "0"], EncodingTokens.Split("|nor_conv_3x3~0|+|skip_connect~0|"));
    }

    [Fact]
    public void One_hot_and_ordinal_follow_the_per_position_vocabulary()
    {
        var encoder = new CategoricalEncoder();
        encoder.Fit(["012", "010"]);

        // Vocabularies: position 0 {0}, position 1 {1}, position 2 {2, 0}.
        Assert.Equal(4, encoder.OneHotLength);
        Assert.Equal([1.0, 1, 0, 1], encoder.OneHot("010"));
        Assert.Equal([0.0, 0, 0], encoder.Ordinal("012"));
        Assert.Equal([0.0, 1, 0, 1], encoder.OneHot("210"));
        Assert.Equal([-1.0, 0, 1], encoder.Ordinal("210"));
    }

    [Fact]
    public void A_perfect_predictor_scores_one_and_zero_error_on_every_seed()
    {
        var samples = Enumerable.Range(0, 30).Select(i => i.ToString("D2")).ToList();
        var targets = samples.Select(s => int.Parse(s) * 0.5).ToList();

        var summary = PredictorEvaluation.Run(samples, targets, _ => new LookupPredictor(samples, targets), trainSize: 10, seeds: [1, 2, 3]);

        Assert.Equal(1, summary.Srcc.Mean, 12);
        Assert.Equal(1, summary.Kendall.Mean, 12);
        Assert.Equal(0, summary.Mae.Mean, 12);
        Assert.All(summary.Seeds, s => Assert.Equal(20, s.TestSize));
    }

    [Fact]
    public void The_split_is_a_function_of_the_seed_alone()
    {
        Assert.Equal(PredictorEvaluation.Shuffle(50, 4), PredictorEvaluation.Shuffle(50, 4));
        Assert.NotEqual(PredictorEvaluation.Shuffle(50, 4), PredictorEvaluation.Shuffle(50, 5));
        Assert.Equal(Enumerable.Range(0, 50), PredictorEvaluation.Shuffle(50, 4).Order());
    }

    [Fact]
    public void Ridge_on_one_hot_learns_an_additive_function_of_the_genes()
    {
        var random = new Random(3);
        var samples = Enumerable.Range(0, 300).Select(_ => string.Concat(Enumerable.Range(0, 6).Select(_ => random.Next(3)))).Distinct().ToList();
        double Truth(string s) => s.Select((c, i) => (c - '0') * (i + 1) * 0.1).Sum();
        var targets = samples.Select(Truth).ToList();

        var summary = PredictorEvaluation.Run(samples, targets, _ => new OneHotRidgePredictor(penalty: 1e-3), trainSize: 100, seeds: [1]);

        Assert.True(summary.Srcc.Mean > 0.99, $"SRCC {summary.Srcc.Mean}");
    }

    [Fact]
    public void Train_size_that_leaves_nothing_to_test_is_refused() =>
        Assert.Throws<ArgumentException>(() => PredictorEvaluation.Run(["a", "b", "c"], [1.0, 2, 3], _ => new OneHotRidgePredictor(), 2, [1]));

    [Fact]
    public void Each_seed_disposes_its_predictor_even_when_fit_fails()
    {
        var created = new List<DisposablePredictor>();
        var samples = Enumerable.Range(0, 10).Select(i => i.ToString("D2")).ToList();
        var targets = samples.Select(s => (double)int.Parse(s)).ToList();

        PredictorEvaluation.Run(samples, targets, _ => Track(new DisposablePredictor(fail: false)), trainSize: 4, seeds: [1, 2]);
        Assert.Throws<InvalidOperationException>(() => PredictorEvaluation.Run(samples, targets, _ => Track(new DisposablePredictor(fail: true)), 4, [3]));

        Assert.Equal(3, created.Count);
        Assert.All(created, p => Assert.True(p.Disposed));

        DisposablePredictor Track(DisposablePredictor p)
        {
            created.Add(p);
            return p;
        }
    }

    private sealed class DisposablePredictor(bool fail) : IPredictor<string>, IDisposable
    {
        public bool Disposed { get; private set; }

        public void Fit(IReadOnlyList<string> samples, IReadOnlyList<double> targets)
        {
            if (fail)
            {
                throw new InvalidOperationException("fit failed");
            }
        }

        public IReadOnlyList<double> Predict(IReadOnlyList<string> samples) => samples.Select(s => (double)int.Parse(s)).ToList();

        public void Dispose() => Disposed = true;
    }

    private sealed class LookupPredictor(IReadOnlyList<string> samples, IReadOnlyList<double> targets) : IPredictor<string>
    {
        public void Fit(IReadOnlyList<string> train, IReadOnlyList<double> trainTargets)
        {
        }

        public IReadOnlyList<double> Predict(IReadOnlyList<string> test) => test.Select(s => targets[samples.ToList().IndexOf(s)]).ToList();
    }
}
