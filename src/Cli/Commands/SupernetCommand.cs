using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Supernets;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// `supernet train`: trains a space's supernet on a task with the sandwich rule, shows progress, evaluates the smallest
/// and largest subnets on the validation split, writes the checkpoint file and, given a run, records it as an event.
/// </summary>
public static class SupernetCommand
{
    public static Command Create()
    {
        var recipe = new SupernetRecipeOptions();
        var evaluationImages = CliOptions.Int("--eval-images", 2_000, "Validation images the smallest and largest subnets are evaluated on (1-5000).");
        var data = CliOptions.Text("--data", $"The Fashion-MNIST folder (default {FashionMnistOptions.DefaultFolder}).", "FOLDER");
        var threads = CliOptions.Int("--threads", 2, "Torch CPU threads.", "T");
        var outPath = CliOptions.Text("--out", "The checkpoint file to write (default supernet-SPACE-TASK-sSEED.ckpt).", "FILE.ckpt");
        var run = CliOptions.Text("--run", "Also put the checkpoint in the blob store and record SupernetTrained in this run.", "RUN");
        var json = CliOptions.Json("Print the result as JSON.");
        var train = new Command("train", "Train a space's weight-sharing supernet on a task (sandwich rule, in-place distillation), " +
                                         "evaluate its smallest and largest subnets, write the checkpoint.")
        {
            evaluationImages, data, threads, outPath, run, json,
        };
        recipe.AddTo(train);
        train.Options.Add(DeviceOption.Create());
        train.SetCliAction((parse, output, ct) => TrainAsync(
            recipe.Read(parse, SearchSpaceRegistry.CreateDefault(), CliTasks.Registry()), parse.GetValue(evaluationImages),
            new FashionMnistOptions(parse.GetValue(data) ?? FashionMnistOptions.DefaultFolder), parse.GetValue(threads), parse.GetValue(outPath),
            parse.GetValue(run), parse.GetValue(json), output, ct));
        return new Command("supernet", "Weight-sharing supernets of the built-in search spaces.") { train };
    }

    public static async Task<int> TrainAsync(
        SupernetRecipe recipe, int evaluationImages, FashionMnistOptions data, int threads, string? outPathOption, string? runText, bool json,
        TextWriter output, CancellationToken cancellationToken)
    {
        var outPath = outPathOption ?? $"supernet-{recipe.Space}-{recipe.Task}-s{recipe.Seed}.ckpt";
        if (evaluationImages is < 1 or > 5_000)
        {
            throw new CliUsageException("--eval-images must be between 1 and 5000 (the validation split).");
        }

        await using var recorder = await RunRecorder.OpenAsync(runText, cancellationToken);
        var torch = CliTorch.Initialise(threads);
        var space = SearchSpaceRegistry.CreateDefault().Get(recipe.Space);
        var task = CliTasks.Registry().Get(recipe.Task);
        var sets = TaskDataSets.Load(task, data, recipe.TrainImages, evaluationImages, recipe.Seed);

        var stepsPerEpoch = recipe.TrainImages / recipe.BatchSize;
        var progress = new TrainingProgressPrinter(Console.Error, stepsPerEpoch, recipe.Epochs, recipe.BatchSize);
        await Console.Error.WriteLineAsync($"training the {space.Name} supernet on {task.Name}: {recipe.Epochs} epoch(s) x {stepsPerEpoch} steps of 4 subnets, {torch}");
        using var experiment = new SupernetExperiment(space, task, recipe, progress);
        var epochs = experiment.Train(sets.Train, progress, cancellationToken);

        var checkpoint = experiment.SaveCheckpoint();
        await File.WriteAllBytesAsync(outPath, checkpoint, cancellationToken);
        var hash = recorder is null ? "" : await recorder.PutBlobAsync(checkpoint, cancellationToken);
        var runId = recorder?.RunId ?? Guid.Empty;
        var evaluated = new[] { space.Smallest, space.Largest }.Select(point =>
        {
            var cost = space.Cost(point);
            var value = experiment.Evaluate(point, sets.Train, sets.Validation);
            return new SubnetEvaluated(runId, new SearchSpacePoint(space.Name, point), task.Name, task.MetricName, value, "validation", sets.Validation.Count, cost.Macs, cost.Params, hash);
        }).ToList();

        var trained = new SupernetTrained(
            runId,
            space.Name,
            task.Name,
            new SupernetTrainingSettings(recipe.Epochs, recipe.TrainImages, recipe.BatchSize, recipe.LearningRate, recipe.WeightDecay, recipe.RandomSubnets, recipe.GradientProjection, recipe.SwitchableScaling, torch.Threads),
            epochs.Select(e => new SupernetEpoch(e.Epoch, e.MeanLoss, e.MeanDistillationLoss, e.GradientConflictRate, e.Seconds)).ToList(),
            hash,
            evaluated,
            recipe.Seed);
        if (recorder is not null)
        {
            await recorder.AppendAsync(trained, cancellationToken);
        }

        if (json)
        {
            await output.WriteLineAsync(CliJson.Serialize(new { Checkpoint = outPath, Run = recorder?.RunId, trained }));
            return 0;
        }

        foreach (var v in evaluated)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(v.Point.Encoding == space.Smallest ? "smallest" : "largest"),-9} {v.Metric} {v.Value:F4} on {v.Images} validation images  ({v.Macs / 1e6:F2} MMACs, {v.Params:N0} params)"));
        }

        await output.WriteLineAsync($"checkpoint {outPath}" + (recorder is null ? "" : $" (blob {hash[..12]}, recorded in run {recorder.RunId})"));
        return 0;
    }
}
