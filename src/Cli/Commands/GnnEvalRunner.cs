using NasPipeline.ArchitectureData;
using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// `predictor eval` for the GNN models: featurises once, pretrains once (seed 0, shared by every evaluation seed) when
/// adapters are asked for, and reports training progress on stderr.
/// </summary>
internal static class GnnEvalRunner
{
    public static EvaluationSummary Run(
        IReadOnlyList<PredictorRow> records, IReadOnlyList<double> labels, string dataPath, GnnEvalSettings settings,
        int trainSize, IReadOnlyList<int> seeds, Action<SeedResult> report)
    {
        GnnCli.InitialiseTorch();

        var samples = records.Select(r => r.Featurised).ToList();
        if (!settings.Adapter)
        {
            return PredictorEvaluation.Run(samples, labels, seed => new GnnPredictor(GnnCli.WithProgress(settings.Training, $"seed {seed}"), seed), trainSize, seeds, report);
        }

        using var pretrained = Pretrain(records, samples, dataPath, settings);
        return PredictorEvaluation.Run(samples, labels, seed => new GnnAdapterPredictor(pretrained, GnnCli.WithProgress(settings.Training, $"seed {seed}"), seed), trainSize, seeds, report);
    }

    private static PretrainedGnn Pretrain(IReadOnlyList<PredictorRow> records, List<GnnSample> samples, string dataPath, GnnEvalSettings settings)
    {
        var task = settings.PretrainTask!;
        var source = settings.PretrainData is null || settings.PretrainData == dataPath
            ? Enumerable.Range(0, records.Count).Where(i => records[i].Metrics.ContainsKey(task)).Select(i => (Label: records[i].Metrics[task], Sample: samples[i])).ToList()
            : PredictorData.Load(settings.PretrainData, task, r => (Label: r.Metrics[task], Sample: GnnSample.Of(r.Graph))).ToList();
        if (source.Count == 0)
        {
            throw new CliUsageException($"No architecture in {settings.PretrainData ?? dataPath} has a '{task}' metric.");
        }

        if (settings.PretrainSize is { } size && size < source.Count)
        {
            source = PredictorEvaluation.Shuffle(source.Count, seed: 0)[..size].Select(i => source[i]).ToList();
        }

        Console.Error.WriteLine($"pretraining on {source.Count} architectures' '{task}' for {settings.PretrainEpochs} epochs");
        var options = GnnCli.WithProgress(settings.Training with { Epochs = settings.PretrainEpochs, Batch = Math.Max(settings.Training.Batch, 32) }, "pretrain");
        return PretrainedGnn.Fit(source.Select(p => p.Sample).ToList(), source.Select(p => p.Label).ToList(), options, seed: 0);
    }
}
