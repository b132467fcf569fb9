using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Marten;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Registry;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Prediction.Store;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// `predictor train`: trains a task's starting predictor (GNN base + K-Adapters) on an architecture dataset and
/// registers it, so every new run that asks for the task adopts it; `predictor list` shows what is registered.
/// </summary>
internal static class PredictorTrainCommand
{
    public static Command CreateTrain()
    {
        var data = new Option<string>("--data") { Description = "The labelled architecture dataset (`nasp data import`).", HelpName = "DATA.jsonl", Required = true };
        var metric = new Option<string>("--task") { Description = "The dataset's metric to learn.", HelpName = "METRIC", Required = true };
        var task = new Option<string>("--for")
        {
            Description = "The pipeline task this predictor serves (e.g. classification; see `nasp tasks`).", HelpName = "TASK", Required = true,
        };
        var validation = CliOptions.Text("--validation", "The seeded share held out for the validation SRCC, in [0, 1) (default 0.2).", "SHARE");
        var seed = CliOptions.Int("--seed", 0, "Seeds the subset, the split and the training.", "S");
        var limit = CliOptions.OptionalInt("--train-size", "Train on a seeded subset of this many architectures (default: all).");
        var json = CliOptions.Json("Print the registration as JSON.");
        var gnn = new GnnOptions();
        var command = new Command("train", "Train a task's starting predictor the AIO-P way (GNN base, K-Adapters on the metric) and register it: " +
                                           "every new run scoring the task adopts it.")
        {
            data, metric, task, validation, seed, limit, json,
        };
        gnn.AddTo(command);
        command.SetCliAction((parse, output, ct) => TrainAsync(
            parse.GetRequiredValue(data), parse.GetRequiredValue(metric), parse.GetRequiredValue(task), ParseFraction(parse.GetValue(validation) ?? "0.2"),
            parse.GetValue(seed), parse.GetValue(limit), gnn.Read(parse, gnn.PretrainTask(parse) is null ? "gnn" : "gnn-adapter")!, parse.GetValue(json), output, ct));
        return command;
    }

    public static Command CreateList()
    {
        var json = CliOptions.Json();
        var command = new Command("list", "The registered predictor of each task: kind, blob, labels, validation SRCC, what it was trained on.") { json };
        command.SetCliAction((parse, output, ct) => ListAsync(parse.GetValue(json), output, ct));
        return command;
    }

    public static async Task<int> TrainAsync(
        string data, string metric, string task, double validation, int seed, int? limit, GnnEvalSettings gnn, bool json, TextWriter output,
        CancellationToken cancellationToken)
    {
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

    public static async Task<int> ListAsync(bool json, TextWriter output, CancellationToken cancellationToken)
    {
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
