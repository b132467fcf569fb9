using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// `predictor eval` for the GNN models, streaming: the first pass took the labels; this reads and featurises only the
/// training architectures of every seed (and the pretraining ones when adapters are asked for), fits, then scores the
/// dataset in one more pass, so memory does not grow with the dataset's features. Progress on stderr.
/// </summary>
internal static class GnnEvalRunner
{
    private const int ProgressEvery = 50_000;

    public static EvaluationSummary Run(
        IReadOnlyList<PredictorRow> rows, IReadOnlyList<double> labels, string dataPath, string task, GnnEvalSettings settings,
        int trainSize, IReadOnlyList<int> seeds, Action<SeedResult> report)
    {
        GnnCli.InitialiseTorch();

        IReadOnlyDictionary<int, GnnSample> ReadSome(IReadOnlySet<int> positions)
        {
            Console.Error.WriteLine($"featurising the {positions.Count} training architectures of {seeds.Count} seed(s)");
            return PredictorData.ReadSome(dataPath, task, positions, r => GnnSample.Of(r.Graph));
        }

        IEnumerable<GnnSample> ReadAll() => WithProgress(PredictorData.Stream(dataPath, task).Select(r => GnnSample.Of(r.Graph)), labels.Count);

        if (!settings.Adapter)
        {
            return StreamingEvaluation.Run(labels, ReadSome, ReadAll,
                seed => new GnnPredictor(GnnCli.WithProgress(settings.Training, $"seed {seed}"), seed), trainSize, seeds, progress: report);
        }

        using var pretrained = Pretrain(rows, dataPath, task, settings);
        return StreamingEvaluation.Run(labels, ReadSome, ReadAll,
            seed => new GnnAdapterPredictor(pretrained, GnnCli.WithProgress(settings.Training, $"seed {seed}"), seed), trainSize, seeds, progress: report);
    }

    private static IEnumerable<GnnSample> WithProgress(IEnumerable<GnnSample> samples, int count)
    {
        var done = 0;
        foreach (var sample in samples)
        {
            yield return sample;
            if (++done % ProgressEvery == 0)
            {
                Console.Error.WriteLine($"scored {done:N0} of {count:N0} architectures");
            }
        }
    }

    private static PretrainedGnn Pretrain(IReadOnlyList<PredictorRow> rows, string dataPath, string evaluatedTask, GnnEvalSettings settings)
    {
        var task = settings.PretrainTask!;
        var path = settings.PretrainData ?? dataPath;
        var sameFile = settings.PretrainData is null || settings.PretrainData == dataPath;
        // Positions among the records read for pretraining, with their labels: the evaluated file's records that also carry
        // the pretraining metric, or every record of another file that does.
        var source = sameFile
            ? Enumerable.Range(0, rows.Count).Where(i => rows[i].PretrainLabel is not null).Select(i => (Position: i, Label: rows[i].PretrainLabel!.Value)).ToList()
            : PredictorData.Load(path, task, r => r.Metrics[task]).Select((label, i) => (Position: i, Label: label)).ToList();
        if (source.Count == 0)
        {
            throw new CliUsageException($"No architecture in {path} has a '{task}' metric.");
        }

        if (settings.PretrainSize is { } size && size < source.Count)
        {
            source = PredictorEvaluation.Shuffle(source.Count, seed: 0)[..size].Select(i => source[i]).ToList();
        }

        Console.Error.WriteLine($"pretraining on {source.Count} architectures' '{task}' for {settings.PretrainEpochs} epochs");
        // Positions in the evaluated file count its records with the evaluated metric; in another file, its records with the
        // pretraining metric.
        var samples = PredictorData.ReadSome(path, sameFile ? evaluatedTask : task, source.Select(s => s.Position).ToHashSet(), r => GnnSample.Of(r.Graph));
        var options = GnnCli.WithProgress(settings.Training with { Epochs = settings.PretrainEpochs, Batch = Math.Max(settings.Training.Batch, 32) }, "pretrain");
        return PretrainedGnn.Fit(source.Select(s => samples[s.Position]).ToList(), source.Select(s => s.Label).ToList(), options, seed: 0);
    }
}
