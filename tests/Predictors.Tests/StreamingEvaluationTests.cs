using NasPipeline.Predictors.Encoding;
using NasPipeline.Predictors.Evaluation;

namespace NasPipeline.Predictors.Tests;

/// <summary>The streaming protocol (what `predictor eval` runs for the GNNs) against the in-memory one it replaces.</summary>
public sealed class StreamingEvaluationTests
{
    private static readonly string[] Alphabet = ["0", "1", "2", "3"];

    /// <summary>60 six-gene encodings with a target that a one-hot ridge fits well but not exactly.</summary>
    private static (List<string> Samples, List<double> Targets) Dataset()
    {
        var random = new Random(11);
        var samples = Enumerable.Range(0, 60).Select(_ => string.Concat(Enumerable.Range(0, 6).Select(_ => Alphabet[random.Next(4)]))).ToList();
        var targets = samples.Select(s => s.Select((c, i) => (c - '0') * (i + 1) * 0.1).Sum() + random.NextDouble() * 0.3).ToList();
        return (samples, targets);
    }

    [Fact]
    public void It_gives_the_in_memory_protocols_scores_and_reads_only_the_training_samples_before_one_full_pass()
    {
        var (samples, targets) = Dataset();
        int[] seeds = [3, 4, 5];
        var inMemory = PredictorEvaluation.Run(samples, targets, _ => new OneHotRidgePredictor(), trainSize: 12, seeds);

        var asked = new List<int>();
        var passes = 0;
        var streamed = StreamingEvaluation.Run(targets,
            positions =>
            {
                asked.AddRange(positions);
                return positions.ToDictionary(i => i, i => samples[i]);
            },
            () =>
            {
                passes++;
                return samples;
            },
            _ => new OneHotRidgePredictor(), trainSize: 12, seeds, chunk: 7);

        var training = seeds.SelectMany(seed => PredictorEvaluation.Shuffle(samples.Count, seed)[..12]).ToHashSet();
        Assert.Equal(training.Order(), asked.Order());
        Assert.Equal(1, passes);
        for (var s = 0; s < seeds.Length; s++)
        {
            var (a, b) = (inMemory.Seeds[s], streamed.Seeds[s]);
            Assert.Equal((a.Seed, a.TrainSize, a.TestSize), (b.Seed, b.TrainSize, b.TestSize));
            Assert.Equal(a.Srcc, b.Srcc, 12);
            Assert.Equal(a.Kendall, b.Kendall, 12);
            Assert.Equal(a.Mae, b.Mae, 12);
            // The same (truth, prediction) pairs, in file order instead of split order.
            Assert.Equal(a.Truth!.Zip(a.Predicted!).Order(), b.Truth!.Zip(b.Predicted!).Order());
            var test = PredictorEvaluation.Shuffle(samples.Count, seeds[s])[12..].Order().ToList();
            Assert.Equal(test.Select(i => targets[i]), b.Truth!);
        }

        Assert.Equal(inMemory.Srcc, streamed.Srcc);
        Assert.True(streamed.Srcc.Mean is > 0.5 and < 1, $"SRCC {streamed.Srcc.Mean}: the ridge must rank well, not perfectly");
    }

    [Fact]
    public void A_dataset_that_changed_between_passes_and_a_train_size_too_large_are_refused()
    {
        var (samples, targets) = Dataset();
        var changed = Assert.Throws<InvalidOperationException>(() => StreamingEvaluation.Run(targets,
            positions => positions.ToDictionary(i => i, i => samples[i]), () => samples.Take(50), _ => new OneHotRidgePredictor(), 10, [1]));
        Assert.Contains("50 samples on its last pass and 60 on its first", changed.Message, StringComparison.Ordinal);

        var tooLarge = Assert.Throws<ArgumentException>(() => StreamingEvaluation.Run(targets,
            positions => positions.ToDictionary(i => i, i => samples[i]), () => samples, _ => new OneHotRidgePredictor(), 59, [1]));
        Assert.Contains("between 0 and 58 for 60 architectures", tooLarge.Message, StringComparison.Ordinal);
    }
}
