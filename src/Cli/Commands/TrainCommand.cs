using System.CommandLine;
using System.Globalization;
using NasPipeline.Adaptation.Networks;
using NasPipeline.Cli.CommandLine;
using NasPipeline.ComputationGraph;
using NasPipeline.OnnxNetworks;
using NasPipeline.OnnxNetworks.Zoo;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Cli.Commands;

/// <summary><c>nasp train</c>: any ONNX network (or the built-in ResNet-like one) trained from scratch on a task through the
/// ONNX interpreter, measured, and written back as ONNX with its trained weights: a network to submit.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = $"An ONNX file, or '{ResNetLikeOnnx.Name}' for the built-in ResNet for 28x28 images." };
        var outPath = CliOptions.Text("--out", "Write the trained network's ONNX here.", "TRAINED.onnx");
        var task = CliOptions.Text("--task", "The task to train on (default classification).", "TASK");
        var input = CliOptions.Text("--input", "The network's input shape where the file leaves dims free (e.g. 1x1x28x28).", "SHAPE");
        var training = new TrainingCliOptions();
        var command = new Command("train", "Train an ONNX network from scratch on a task (weights seeded, BatchNorm unfolded) and write it with its trained weights.")
        {
            model, outPath, task, input,
        };
        training.AddTo(command);
        command.Options.Add(DeviceOption.Create());
        command.SetCliAction((parse, output, _) => TrainAsync(new TrainSettings(parse.GetRequiredValue(model), parse.GetValue(outPath),
            parse.GetValue(task) ?? "classification", parse.GetValue(input), parse.GetValue(training.Epochs), parse.GetValue(training.Images),
            parse.GetValue(training.EvaluationImages), parse.GetValue(training.Seed), parse.GetValue(training.Threads), parse.GetValue(training.Data)), output));
        return command;
    }

    private static async Task<int> TrainAsync(TrainSettings settings, TextWriter output)
    {
        if (settings.Out is null)
        {
            throw new CliUsageException("Give --out TRAINED.onnx: where the trained network goes.");
        }

        if (settings.Epochs < 1)
        {
            throw new CliUsageException("--epochs is at least 1.");
        }

        var registry = CliTasks.Registry();
        if (!registry.Contains(settings.Task))
        {
            throw new CliUsageException($"Task '{settings.Task}' is unknown: {string.Join(", ", registry.All.Select(t => t.Name))}.");
        }

        var onnx = settings.Model == ResNetLikeOnnx.Name ? ResNetLikeOnnx.Write()
            : File.Exists(settings.Model) ? await File.ReadAllBytesAsync(settings.Model)
            : throw new CliUsageException($"No such file: {settings.Model} (or name '{ResNetLikeOnnx.Name}').");
        CliTorch.Initialise(settings.Threads);
        var (trainImages, validationImages) = FnaImages.Load(settings.Data, settings.Images, settings.EvaluationImages);
        var task = registry.Get(settings.Task);
        var train = task.Prepare(trainImages, seed: 1);
        var validation = task.Prepare(validationImages, seed: 2);
        using var probe = train.Batch([0]);
        TrainableNetwork network;
        try
        {
            var declared = DeclaredInput.Of(onnx, settings.Input is null ? [] : [settings.Input]);
            network = TrainableNetwork.Create(onnx, task, declared, (int)probe.Inputs.shape[1], (int)probe.Inputs.shape[^1], settings.Seed, unfoldBatchNorm: true);
        }
        catch (Exception e) when (e is OnnxNetworkException or FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new CliUsageException($"{settings.Model}: {e.Message}");
        }

        using (network)
        {
            var recipe = task.DefaultRecipe;
            new TaskTrainer(network.Backbone, network.Head, task, new TrainerOptions(settings.Epochs, recipe.BatchSize, recipe.LearningRate, recipe.WeightDecay, settings.Seed))
                .Train(train, FnaProgress.Training("train", Console.Error));
            var metric = TaskEvaluator.Evaluate(network.Backbone, network.Head, task, validation);
            var trained = network.ToOnnx();
            await File.WriteAllBytesAsync(settings.Out, trained);
            var macs = new OnnxGraphExtractor().Extract(trained, new ExtractionOptions { SymbolicBatchAsOne = true, InputShapes = settings.Input is null ? null : [InputShape.Parse(settings.Input)] }).TotalMacs;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"network {settings.Model}: {macs:N0} MACs\ninput   {network.InputPolicy}\nhead    {network.HeadDescription}\n" +
                $"{task.MetricName,-7} {metric:F4} on {settings.EvaluationImages} validation images after {settings.Epochs} epochs on {settings.Images} images\n" +
                $"wrote   {settings.Out}{(network.Head.parameters().Any() ? " (the network only: the task head is not part of it)" : "")}"));
        }

        return 0;
    }

    private sealed record TrainSettings(
        string Model, string? Out, string Task, string? Input, int Epochs, int Images, int EvaluationImages, int Seed, int Threads, string? Data);
}
