using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Supernets;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Commands;

/// <summary>`subnet eval`: one subnet's metric read from a trained supernet checkpoint (inherited weights, BN recalibrated).</summary>
public static class SubnetCommand
{
    private const int CalibrationImages = 1_024;

    public static Command Create()
    {
        var file = CliOptions.Text("--checkpoint", "The supernet checkpoint file (`nasp supernet train --out`).", "FILE.ckpt");
        var blob = CliOptions.Text("--checkpoint-blob", "The checkpoint's blob hash instead of a file (with --run).", "HASH");
        var point = new Option<string>("--point")
        {
            Description = "The subnet: smallest, largest, or its genes comma-separated.", HelpName = "smallest|largest|g1,g2,...", Required = true,
        };
        var split = new Option<string>("--split") { Description = "validation (at most 5000 images) or test (at most 10000).", HelpName = "validation|test", DefaultValueFactory = _ => "validation" };
        var evaluationImages = CliOptions.OptionalInt("--eval-images", "Images to evaluate on (default: the whole split).");
        var data = CliOptions.Text("--data", $"The Fashion-MNIST folder (default {FashionMnistOptions.DefaultFolder}).", "FOLDER");
        var threads = CliOptions.Int("--threads", 2, "Torch CPU threads.", "T");
        var run = CliOptions.Text("--run", "Record SubnetEvaluated in this run (and read --checkpoint-blob from its blob store).", "RUN");
        var json = CliOptions.Json("Print the result as JSON.");
        var eval = new Command("eval", "One subnet's metric from a trained supernet: extracted with inherited weights, BN recalibrated, evaluated.")
        {
            file, blob, point, split, evaluationImages, data, threads, run, json,
        };
        eval.Options.Add(DeviceOption.Create());
        eval.SetCliAction((parse, output, ct) =>
        {
            var splitName = parse.GetValue(split) ?? "validation";
            return EvalAsync(
                parse.GetValue(file), parse.GetValue(blob), parse.GetRequiredValue(point), splitName,
                parse.GetValue(evaluationImages) ?? (splitName == "test" ? 10_000 : 5_000),
                new FashionMnistOptions(parse.GetValue(data) ?? FashionMnistOptions.DefaultFolder), parse.GetValue(threads), parse.GetValue(run),
                parse.GetValue(json), output, ct);
        });
        return new Command("subnet", "Subnets of a trained supernet.") { eval };
    }

    public static async Task<int> EvalAsync(
        string? file, string? blob, string pointText, string split, int evaluationImages, FashionMnistOptions data, int threads, string? runText, bool json,
        TextWriter output, CancellationToken cancellationToken)
    {
        if ((file is null) == (blob is null))
        {
            throw new CliUsageException("Give exactly one of --checkpoint FILE or --checkpoint-blob HASH.");
        }

        if (blob is not null && runText is null)
        {
            throw new CliUsageException("--checkpoint-blob reads the run's blob store: give --run too.");
        }

        if (split is not ("validation" or "test") || evaluationImages < 1 || evaluationImages > (split == "test" ? 10_000 : 5_000))
        {
            throw new CliUsageException("--split is validation (at most 5000 images) or test (at most 10000).");
        }

        if (file is not null && !File.Exists(file))
        {
            throw new CliUsageException($"No such file: {file}");
        }

        await using var recorder = await RunRecorder.OpenAsync(runText, cancellationToken);
        var bytes = file is not null
            ? await File.ReadAllBytesAsync(file, cancellationToken)
            : await recorder!.GetBlobAsync(blob!, cancellationToken) ?? throw new CliUsageException($"Blob {blob} is not in the blob store.");
        SupernetCheckpoint checkpoint;
        SupernetRecipe recipe;
        try
        {
            checkpoint = SupernetCheckpoint.Load(bytes);
            recipe = SupernetExperiment.RecipeOf(checkpoint);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or JsonException)
        {
            throw new CliUsageException($"Not a supernet checkpoint written by `nasp supernet train`: {e.Message}");
        }

        var space = SearchSpaceRegistry.CreateDefault().Get(recipe.Space);
        var task = CliTasks.Registry().Get(recipe.Task);
        var point = PointText.Parse(space, pointText);
        CliTorch.Initialise(threads);
        // Only the calibration images of the training split are used: the evaluator recalibrates BN on 4 batches of 256.
        var sets = TaskDataSets.Load(task, data, CalibrationImages, evaluationImages, recipe.Seed);

        using var experiment = new SupernetExperiment(space, task, recipe);
        experiment.RestoreCheckpoint(checkpoint);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var value = experiment.Evaluate(point, sets.Train, split == "test" ? sets.Test : sets.Validation);
        var seconds = clock.Elapsed.TotalSeconds;
        var cost = space.Cost(point);
        var hash = recorder is null ? "" : blob ?? await recorder.PutBlobAsync(bytes, cancellationToken);
        var evaluated = new SubnetEvaluated(recorder?.RunId ?? Guid.Empty, new SearchSpacePoint(space.Name, point), task.Name, task.MetricName, value, split, evaluationImages, cost.Macs, cost.Params, hash);
        if (recorder is not null)
        {
            await recorder.AppendAsync(evaluated, cancellationToken);
        }

        if (json)
        {
            await output.WriteLineAsync(CliJson.Serialize(new { evaluated, seconds }));
            return 0;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{space.Describe(point)}\n{task.MetricName} {value:F4} on {evaluationImages} {split} images ({cost.Macs / 1e6:F2} MMACs, {cost.Params:N0} params, {seconds:F1} s)"));
        return 0;
    }
}
