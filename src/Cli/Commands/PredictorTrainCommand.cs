using System.CommandLine;
using System.Globalization;
using Marten;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Prediction.Registry;
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
        command.Options.Add(DeviceOption.Create());
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
        var pretrain = gnn.PretrainTask is { } pretrainTask
            ? new LabelledArchitectures(Path.GetFileName(gnn.PretrainData ?? data), pretrainTask, PredictorData.Load(gnn.PretrainData ?? data, pretrainTask))
            : null;
        var request = new PredictorTrainingRequest(task, new LabelledArchitectures(Path.GetFileName(data), metric, records), pretrain,
            GnnCli.WithProgress(gnn.Training with { Epochs = gnn.PretrainEpochs, Batch = Math.Max(gnn.Training.Batch, 32) }, "base"),
            GnnCli.WithProgress(gnn.Training, "adapters"), validation, seed, limit);
        Console.Error.WriteLine($"training on {Math.Min(limit ?? records.Count, records.Count)} architectures' '{metric}' ({validation:P0} held out), base: {gnn.PretrainTask ?? metric}");

        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var trainer = new PredictorTrainer(host.Get<IBlobStore>(), new PredictorRegistry(host.Get<IDocumentStore>()), TimeProvider.System);
        PredictorTrainingResult result;
        try
        {
            result = await trainer.TrainAsync(request, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        var registration = result.Registration;
        await output.WriteLineAsync(json
            ? CliJson.Serialize(new
            {
                task, registration.Model, Weights = registration.WeightsBlobHash, TrainedOn = result.TrainCount, result.ValidationCount,
                ValidationSrcc = double.IsFinite(result.ValidationSrcc) ? result.ValidationSrcc : (double?)null, seed, result.AlreadyRegistered,
            })
            : string.Create(CultureInfo.InvariantCulture,
                $"{(result.AlreadyRegistered ? "already registered" : "registered")} {registration.Model} for '{task}' (blob {registration.WeightsBlobHash[..12]}): " +
                $"{result.TrainCount} training labels, {Validation(result)}"));
        return 0;
    }

    public static async Task<int> ListAsync(bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var registered = await new PredictorRegistry(host.Get<IDocumentStore>()).ListAsync(cancellationToken);
        if (json)
        {
            await output.WriteLineAsync(CliJson.Serialize(registered));
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

    private static string Validation(PredictorTrainingResult trained) => trained.ValidationCount >= 2
        ? string.Create(CultureInfo.InvariantCulture, $"validation SRCC {trained.ValidationSrcc:F3} on {trained.ValidationCount} held out")
        : "no validation split";

    private static double ParseFraction(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and < 1
            ? value
            : throw new CliUsageException($"--validation must be a share in [0, 1), not '{text}'.");
}
