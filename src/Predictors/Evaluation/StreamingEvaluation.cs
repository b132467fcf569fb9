namespace NasPipeline.Predictors.Evaluation;

/// <summary>
/// <see cref="PredictorEvaluation.Run{TSample}"/>'s protocol over a dataset too large to hold as samples (featurised
/// graphs): a seed's split depends on the count alone, so the training samples of every seed are read first (and only
/// they), each seed's predictor is fitted, and a last pass scores every sample as it is read, in chunks, keeping two
/// numbers per test sample and seed. Same splits, same fits, same scores; the test values come in file order.
/// </summary>
public static class StreamingEvaluation
{
    public static EvaluationSummary Run<TSample>(
        IReadOnlyList<double> targets,
        Func<IReadOnlySet<int>, IReadOnlyDictionary<int, TSample>> readSome,
        Func<IEnumerable<TSample>> readAll,
        Func<int, IPredictor<TSample>> createPredictor,
        int trainSize,
        IReadOnlyList<int> seeds,
        int chunk = 2048,
        Action<SeedResult>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        if (trainSize < 0 || trainSize > targets.Count - 2)
        {
            throw new ArgumentException($"--train-size must be between 0 and {targets.Count - 2} for {targets.Count} architectures (at least two are kept to test on).");
        }

        // In the in-memory protocol's order, so a fit that depends on its samples' order fits the same.
        var trains = seeds.Select(seed => PredictorEvaluation.Shuffle(targets.Count, seed)[..trainSize]).ToList();
        var splits = trains.Select(t => t.ToHashSet()).ToList();
        var training = readSome(splits.SelectMany(s => s).ToHashSet());
        var predictors = new List<IPredictor<TSample>>();
        try
        {
            for (var s = 0; s < seeds.Count; s++)
            {
                var predictor = createPredictor(seeds[s]);
                predictors.Add(predictor);
                var train = trains[s];
                predictor.Fit(train.Select(i => training[i]).ToList(), train.Select(i => targets[i]).ToList());
            }

            training = null;
            var truth = seeds.Select(_ => new List<double>()).ToList();
            var predicted = seeds.Select(_ => new List<double>()).ToList();
            var buffer = new List<(int Index, TSample Sample)>(chunk);
            var index = 0;
            foreach (var sample in readAll())
            {
                buffer.Add((index++, sample));
                if (buffer.Count == chunk)
                {
                    Score(buffer, splits, predictors, targets, truth, predicted);
                    buffer.Clear();
                }
            }

            Score(buffer, splits, predictors, targets, truth, predicted);
            if (index != targets.Count)
            {
                throw new InvalidOperationException($"The dataset gave {index} samples on its last pass and {targets.Count} on its first.");
            }

            var results = new List<SeedResult>();
            for (var s = 0; s < seeds.Count; s++)
            {
                results.Add(SeedResult.Of(seeds[s], trainSize, truth[s], predicted[s]));
                progress?.Invoke(results[^1]);
            }

            return EvaluationSummary.Of(results);
        }
        finally
        {
            foreach (var predictor in predictors)
            {
                (predictor as IDisposable)?.Dispose();
            }
        }
    }

    private static void Score<TSample>(List<(int Index, TSample Sample)> buffer, List<HashSet<int>> splits, List<IPredictor<TSample>> predictors,
        IReadOnlyList<double> targets, List<List<double>> truth, List<List<double>> predicted)
    {
        for (var s = 0; s < predictors.Count; s++)
        {
            var test = buffer.Where(b => !splits[s].Contains(b.Index)).ToList();
            if (test.Count == 0)
            {
                continue;
            }

            predicted[s].AddRange(predictors[s].Predict(test.Select(t => t.Sample).ToList()));
            truth[s].AddRange(test.Select(t => targets[t.Index]));
        }
    }
}
