using System.Globalization;
using System.Text.Json;
using Marten;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Registry;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// `predictor train`: trains a task's starting predictor (GNN base + K-Adapters) on an architecture dataset and
/// registers it, so every new run that asks for the task adopts it; `predictor list` shows what is registered.
/// </summary>
internal static class PredictorTrainCommand
{
    public const string TrainUsage =
        "predictor train --data DATA.jsonl --task METRIC --for TASK [--pretrain DATA2.jsonl --pretrain-task T2] [--pretrain-epochs E2] " +
        "[--epochs E] [--adapters K] [--label-transform none|stand|stand_flops] [--validation 0.2] [--train-size N] [--seed S] [--json]";

    public const string ListUsage = "predictor list [--json]";

    public static async Task<int> TrainAsync(CliArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var data = args.Option("data") ?? throw new CliUsageException("Name the dataset: --data DATA.jsonl (made by `nasp data import`).");
        var metric = args.Option("task") ?? throw new CliUsageException("Name the dataset's metric to learn: --task METRIC.");
        var task = args.Option("for") ?? throw new CliUsageException("Name the pipeline task this predictor serves: --for TASK (e.g. classification; see `nasp tasks`).");
        var validation = ParseFraction(args.Option("validation") ?? "0.2");
        var seed = args.IntOption("seed", 0);
        var limit = args.Option("train-size") is null ? (int?)null : args.IntOption("train-size", 0);
        var gnn = GnnEvalSettings.Read(args, args.Option("pretrain-task") is null ? "gnn" : "gnn-adapter")!;
        var json = args.Flag("json");
        args.RejectUnknown();

        if (limit is < 2)
        {
            throw new CliUsageException("--train-size must be at least 2.");
        }

        GnnCli.InitialiseTorch();
        var records = PredictorData.Load(data, metric);
        if (limit is { } size && size < records.Count)
        {
            // A seeded subset, so a large benchmark trains in minutes and the same seed picks the same networks.
            records = Predictors.Evaluation.PredictorEvaluation.Shuffle(records.Count, seed)[..size].Order().Select(i => records[i]).ToList();
        }

        var samples = records.Select(r => GnnSample.Of(r.Graph)).ToList();
        var labels = records.Select(r => r.Metrics[metric]).ToList();
        (IReadOnlyList<GnnSample>, IReadOnlyList<double>)? pretrain = null;
        if (gnn.PretrainTask is { } pretrainTask)
        {
            var source = PredictorData.Load(gnn.PretrainData ?? data, pretrainTask);
            pretrain = (source.Select(r => GnnSample.Of(r.Graph)).ToList(), source.Select(r => r.Metrics[pretrainTask]).ToList());
        }

        Console.Error.WriteLine($"training on {records.Count} architectures' '{metric}' ({validation:P0} held out), base: {gnn.PretrainTask ?? metric}");
        var adapterOptions = GnnCli.WithProgress(gnn.Training, "adapters");
        var pretrainOptions = GnnCli.WithProgress(gnn.Training with { Epochs = gnn.PretrainEpochs, Batch = Math.Max(gnn.Training.Batch, 32) }, "base");
        TrainedPredictor trained;
        try
        {
            trained = PredictorTraining.Train(samples, labels, pretrain, pretrainOptions, adapterOptions, validation, seed);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        using (trained)
        {
            await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
            var hash = await host.Get<IBlobStore>().PutAsync(trained.Predictor.ToBytes(), ModelKinds.GnnAdapterMediaType, cancellationToken);
            var registration = new TaskPredictorRegistration
            {
                Id = task,
                Model = ModelKinds.GnnAdapter,
                WeightsBlobHash = hash,
                SampleCount = trained.TrainCount,
                ValidationSrcc = double.IsFinite(trained.ValidationSrcc) ? trained.ValidationSrcc : 0,
                Seed = seed,
                TrainedOn = $"{Path.GetFileName(data)}: {metric}" + (gnn.PretrainTask is { } t ? $" (base on {Path.GetFileName(gnn.PretrainData ?? data)}: {t})" : ""),
                RegisteredAt = DateTimeOffset.UtcNow,
            };
            await new PredictorRegistry(host.Get<IDocumentStore>()).RegisterAsync(registration, cancellationToken);
            await output.WriteLineAsync(json
                ? JsonSerializer.Serialize(new
                {
                    task, model = registration.Model, weights = hash, trained_on = trained.TrainCount, validation_count = trained.ValidationCount,
                    validation_srcc = double.IsFinite(trained.ValidationSrcc) ? trained.ValidationSrcc : (double?)null, seed,
                })
                : string.Create(CultureInfo.InvariantCulture,
                    $"registered {registration.Model} for '{task}' (blob {hash[..12]}): {trained.TrainCount} training labels, {Validation(trained)}"));
        }

        return 0;
    }

    public static async Task<int> ListAsync(CliArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var json = args.Flag("json");
        args.RejectUnknown();
        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var registered = await new PredictorRegistry(host.Get<IDocumentStore>()).ListAsync(cancellationToken);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(registered, CliJson.Options));
            return 0;
        }

        if (registered.Count == 0)
        {
            await output.WriteLineAsync("No predictor registered; train one with `nasp predictor train`.");
        }

        foreach (var r in registered)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Id,-16} {r.Model,-12} blob {r.WeightsBlobHash[..12]}  {r.SampleCount} labels, SRCC {r.ValidationSrcc:F3}  {r.TrainedOn}  {r.RegisteredAt:u}"));
        }

        return 0;
    }

    private static string Validation(TrainedPredictor trained) => trained.ValidationCount >= 2
        ? string.Create(CultureInfo.InvariantCulture, $"validation SRCC {trained.ValidationSrcc:F3} on {trained.ValidationCount} held out")
        : "no validation split";

    private static double ParseFraction(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and < 1
            ? value
            : throw new CliUsageException($"--validation must be a share in [0, 1), not '{text}'.");
}
