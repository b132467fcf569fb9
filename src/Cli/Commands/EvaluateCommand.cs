using System.CommandLine;
using System.Globalization;
using NasPipeline.Adaptation.Networks;
using NasPipeline.Cli.CommandLine;
using NasPipeline.OnnxNetworks;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// <c>nasp evaluate MODEL.onnx</c>: a network's task metric from its own weights and its own output, through the ONNX
/// interpreter, on Fashion-MNIST's test split (default) or the validation split. The test split is the one no run
/// trains or chooses on, so a network a run chose by its validation metric is reported here without that bias.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL.onnx") { Description = "The network, with its weights (e.g. a run's exported model)." };
        var task = CliOptions.Text("--task", "The task (default classification); the network's own output must be its prediction.", "TASK");
        var input = CliOptions.Text("--input", "The network's input shape where the file leaves dims free (e.g. 1x1x28x28).", "SHAPE");
        var split = CliOptions.Text("--split", "test (10,000 images, default) or validation (5,000).", "test|validation");
        var images = CliOptions.Int("--images", 10_000, "Images of the split to measure on (the first ones).");
        var threads = CliOptions.Int("--threads", 2, "Torch CPU threads.", "T");
        var data = CliOptions.Text("--data", $"The Fashion-MNIST folder (default {FashionMnistOptions.DefaultFolder}).", "FOLDER");
        var command = new Command("evaluate", "Measure an ONNX network's task metric from its own weights and output on the test (or validation) split.")
        {
            model, task, input, split, images, threads, data,
        };
        command.Options.Add(DeviceOption.Create());
        command.SetCliAction((parse, output, _) => EvaluateAsync(parse.GetRequiredValue(model), parse.GetValue(task) ?? "classification", parse.GetValue(input),
            parse.GetValue(split) ?? "test", parse.GetValue(images), parse.GetValue(threads), parse.GetValue(data), output));
        return command;
    }

    private static async Task<int> EvaluateAsync(string path, string taskName, string? input, string split, int count, int threads, string? folder, TextWriter output)
    {
        var registry = CliTasks.Registry();
        if (!registry.Contains(taskName))
        {
            throw new CliUsageException($"Task '{taskName}' is unknown: {string.Join(", ", registry.All.Select(t => t.Name))}.");
        }

        if (split is not ("test" or "validation"))
        {
            throw new CliUsageException($"--split is test or validation, not '{split}'.");
        }

        var limit = split == "test" ? 10_000 : 5_000;
        if (count < 1 || count > limit)
        {
            throw new CliUsageException($"--images is 1 to {limit:N0} for the {split} split.");
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"No such file: {path}");
        }

        var onnx = await File.ReadAllBytesAsync(path);
        var splits = FashionMnist.LoadSplits(new FashionMnistOptions(folder ?? FashionMnistOptions.DefaultFolder));
        var images = (split == "test" ? splits.Test : splits.Validation).Take(count);
        CliTorch.Initialise(threads);
        var task = registry.Get(taskName);
        var data = task.Prepare(images, seed: 2);
        using var probe = data.Batch([0]);
        TrainableNetwork network;
        try
        {
            var declared = DeclaredInput.Of(onnx, input is null ? [] : [input]);
            network = TrainableNetwork.Create(onnx, task, declared, (int)probe.Inputs.shape[1], (int)probe.Inputs.shape[^1], seed: 0, unfoldBatchNorm: false);
        }
        catch (Exception e) when (e is OnnxNetworkException or FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }

        using (network)
        {
            if (network.Head.parameters().Any())
            {
                throw new CliUsageException(
                    $"{path}: its output is not a {task.Name} prediction (it would need a trained head: {network.HeadDescription}); evaluate measures networks whose own output is the task's prediction.");
            }

            var metric = TaskEvaluator.Evaluate(network.Backbone, network.Head, task, data);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"input   {network.InputPolicy}\nhead    {network.HeadDescription}\n{task.MetricName,-7} {metric:F4} on {count} {split} images"));
        }

        return 0;
    }
}
