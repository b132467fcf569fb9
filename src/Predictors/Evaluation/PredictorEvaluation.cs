using NasPipeline.Predictors.Metrics;

namespace NasPipeline.Predictors.Evaluation;

public sealed record MeanAndStd(double Mean, double Std)
{
    public static MeanAndStd Of(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new MeanAndStd(mean, std);
    }
}

/// <summary>One seed's split and scores; <see cref="Truth"/> and <see cref="Predicted"/> are the test split's values, in
/// the same order (for a predicted-against-true plot).</summary>

public sealed record SeedResult(int Seed, int TrainSize, int TestSize, double Srcc, double Kendall, double Mae,
    IReadOnlyList<double>? Truth = null, IReadOnlyList<double>? Predicted = null)
{
    /// <summary>A seed's scores on its test split's true and predicted values.</summary>
    public static SeedResult Of(int seed, int trainSize, IReadOnlyList<double> truth, IReadOnlyList<double> predicted) =>
        new(seed, trainSize, truth.Count, RankCorrelation.Spearman(truth, predicted), RankCorrelation.KendallTauB(truth, predicted),
            ErrorMetrics.MeanAbsoluteError(truth, predicted), truth, predicted);
}

public sealed record EvaluationSummary(MeanAndStd Srcc, MeanAndStd Kendall, MeanAndStd Mae, IReadOnlyList<SeedResult> Seeds)
{
    /// <summary>Mean and sample standard deviation of each score over the seeds.</summary>
    public static EvaluationSummary Of(IReadOnlyList<SeedResult> results) => new(
        MeanAndStd.Of(results.Select(r => r.Srcc).ToList()),
        MeanAndStd.Of(results.Select(r => r.Kendall).ToList()),
        MeanAndStd.Of(results.Select(r => r.Mae).ToList()),
        results);
}

/// <summary>
/// The predictor-quality protocol: per seed, train on N random samples and test on all the others; report mean
/// and sample standard deviation of SRCC, Kendall tau-b and MAE over seeds.
/// </summary>
public static class PredictorEvaluation
{
    public static EvaluationSummary Run<TSample>(
        IReadOnlyList<TSample> samples,
        IReadOnlyList<double> targets,
        Func<int, IPredictor<TSample>> createPredictor,
        int trainSize,
        IReadOnlyList<int> seeds,
        Action<SeedResult>? progress = null)
    {
        if (samples.Count != targets.Count)
        {
            throw new ArgumentException("Every sample needs a target.");
        }

        if (trainSize < 0 || trainSize > samples.Count - 2)
        {
            throw new ArgumentException($"--train-size must be between 0 and {samples.Count - 2} for {samples.Count} architectures (at least two are kept to test on).");
        }

        var results = new List<SeedResult>();
        foreach (var seed in seeds)
        {
            var order = Shuffle(samples.Count, seed);
            var train = order[..trainSize];
            var test = order[trainSize..];
            var predictor = createPredictor(seed);
            IReadOnlyList<double> predicted;
            try
            {
                predictor.Fit(train.Select(i => samples[i]).ToList(), train.Select(i => targets[i]).ToList());
                predicted = predictor.Predict(test.Select(i => samples[i]).ToList());
            }
            finally
            {
                // GNN predictors hold native tensors; free them per seed rather than at finalisation.
                (predictor as IDisposable)?.Dispose();
            }

            var result = SeedResult.Of(seed, trainSize, test.Select(i => targets[i]).ToList(), predicted);
            progress?.Invoke(result);
            results.Add(result);
        }

        return EvaluationSummary.Of(results);
    }

    /// <summary>Fisher-Yates with the seed's own generator: the split is a function of the seed alone.</summary>
    public static int[] Shuffle(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
