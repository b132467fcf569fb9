using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Fna.Adaptation;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Costs;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// <c>nasp adapt MODEL.onnx --task T --out ADAPTED.onnx</c>: FNA locally, no server. The seed is a chain classifier with
/// its weights (<c>nasp chain train</c>'s, or another exporter's: <see cref="ChainOnnxRecognizer"/>); it is expanded
/// into a super network, the architecture is adapted to the task against the cost model's MACs, and the derived network
/// starts from the seed's remapped parameters, is fine-tuned and measured on the validation split.
/// </summary>
public static class AdaptCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL.onnx") { Description = "The seed: a MobileNetV2-like chain classifier with its weights, from `nasp chain train` or another exporter (BN folded or not)." };
        var task = CliOptions.Text("--task", "The task to adapt to (`nasp tasks`).", "TASK");
        var outPath = CliOptions.Text("--out", "Write the adapted network's ONNX here (classification: the classifier; other tasks: the backbone's feature levels).", "ADAPTED.onnx");
        var costWeight = CliOptions.Text("--cost-weight", "λ in task loss + λ·log10(E[MACs]) (default 0.5).", "L");
        var targetMacs = CliOptions.Text("--target-macs", "A MAC budget for the derived network: a factor of the seed's (0.8x) or a count; derives the cheapest switches from argmax that fit it.", "0.8x|N");
        var images = CliOptions.Int("--images", 6000, "Training images (the first of the training split), halved between weights and α.");
        var evaluationImages = CliOptions.Int("--eval-images", 5000, "Validation images to measure on.");
        var warmup = CliOptions.Int("--warmup-epochs", 1, "Weight-only epochs before α trains.", "E");
        var search = CliOptions.Int("--search-epochs", 2, "Epochs alternating weight and α steps.", "E");
        var fineTune = CliOptions.Int("--fine-tune-epochs", 1, "Parameter adaptation epochs.", "E");
        var seed = CliOptions.Int("--seed", 1, "Path sampling, data split, initialisation and batch order.");
        var threads = CliOptions.Int("--threads", 2, "Torch CPU threads.", "T");
        var data = CliOptions.Text("--data", $"The Fashion-MNIST folder (default {Vision.Data.FashionMnistOptions.DefaultFolder}).", "FOLDER");
        var json = CliOptions.Json("Print the result as JSON.");
        var command = new Command("adapt", "FNA on a chain network: super network expansion, differentiable architecture adaptation, parameter remapping and fine-tuning, measured.")
        {
            model, task, outPath, costWeight, targetMacs, images, evaluationImages, warmup, search, fineTune, seed, threads, data, json,
        };
        command.Options.Add(DeviceOption.Create());
        command.SetCliAction((parse, output, _) => RunAsync(new AdaptSettings(
            parse.GetRequiredValue(model), parse.GetValue(task), parse.GetValue(outPath), parse.GetValue(costWeight) ?? "0.5", parse.GetValue(images),
            parse.GetValue(evaluationImages), parse.GetValue(warmup), parse.GetValue(search), parse.GetValue(fineTune), parse.GetValue(seed),
            parse.GetValue(threads), parse.GetValue(data), parse.GetValue(json), parse.GetValue(targetMacs)), output));
        return command;
    }

    public static async Task<int> RunAsync(AdaptSettings settings, TextWriter output)
    {
        var registry = CliTasks.Registry();
        if (settings.Task is null || !registry.Contains(settings.Task))
        {
            throw new CliUsageException($"Give --task, one of: {string.Join(", ", registry.All.Select(t => t.Name))}.");
        }

        if (!double.TryParse(settings.CostWeight, CultureInfo.InvariantCulture, out var costWeight) || costWeight < 0)
        {
            throw new CliUsageException($"--cost-weight is a number at least 0, not '{settings.CostWeight}'.");
        }

        var target = settings.TargetMacs is null ? null : TargetMacs.Parse(settings.TargetMacs);
        if (settings.WarmupEpochs < 0 || settings.SearchEpochs < 1 || settings.FineTuneEpochs < 0)
        {
            throw new CliUsageException("--search-epochs is at least 1; --warmup-epochs and --fine-tune-epochs at least 0.");
        }

        if (!File.Exists(settings.Model))
        {
            throw new CliUsageException($"No such file: {settings.Model}");
        }

        var (trainImages, validationImages) = FnaImages.Load(settings.Data, settings.Images, settings.EvaluationImages);
        CliTorch.Initialise(settings.Threads);
        ChainNetwork seedNetwork;
        Vision.Heads.PooledLinearHead seedHead;
        try
        {
            (seedNetwork, seedHead) = ChainOnnxReader.ReadClassifier(await File.ReadAllBytesAsync(settings.Model));
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"{settings.Model}: {e.Message}");
        }

        if (seedNetwork.Architecture.InputChannels != 1)
        {
            throw new CliUsageException($"{settings.Model} reads {seedNetwork.Architecture.InputChannels}-channel images; the tasks' images are Fashion-MNIST's, 1 channel.");
        }

        var task = registry.Get(settings.Task);
        var headSource = task.Name == "classification" ? seedHead : null;
        var train = task.Prepare(trainImages, seed: 1);
        var validation = task.Prepare(validationImages, seed: 2);
        var originalMetric = headSource is null ? (double?)null : TaskEvaluator.Evaluate(seedNetwork, seedHead, task, validation);
        var originalMacs = ChainOnnx.MacsOf(seedNetwork, task.InputSize);

        var recipe = task.DefaultRecipe;
        var macBudget = target?.Of(originalMacs);
        var options = new ArchitectureAdaptationOptions(settings.WarmupEpochs, settings.SearchEpochs, recipe.BatchSize, recipe.LearningRate, 0.02, costWeight,
            settings.Seed, AlphaBatchSize: 32, MacBudget: macBudget);
        var found = SeedAdaptation.Search(seedNetwork, headSource, task, train, options, FnaProgress.Search(Console.Error));

        var budget = new TrainerOptions(settings.FineTuneEpochs, recipe.BatchSize, recipe.LearningRate, recipe.WeightDecay, settings.Seed);
        var adapted = ParameterAdaptation.Run(seedNetwork, headSource, found.Derived, task, train, validation, budget, Initialisation.Remapped,
            FnaProgress.Training("fine-tune", Console.Error));
        if (settings.Out is not null)
        {
            var onnx = task.Name == "classification"
                ? ChainOnnx.WriteClassifier(adapted.Network, adapted.Head, task.InputSize)
                : ChainOnnx.Write(adapted.Network, task.InputSize);
            await File.WriteAllBytesAsync(settings.Out, onnx);
        }

        var adaptedMacs = ChainOnnx.MacsOf(adapted.Network, task.InputSize);
        if (settings.Json)
        {
            await output.WriteLineAsync(CliJson.Serialize(new
            {
                settings.Model, Task = task.Name, Metric = task.MetricName, settings.Seed, CostWeight = costWeight, TargetMacs = macBudget,
                Original = seedNetwork.Architecture.Describe(), Adapted = found.Derived.Describe(),
                MacsOriginal = originalMacs, MacsAdapted = adaptedMacs, MetricOriginal = originalMetric, MetricAdapted = adapted.MetricAfter,
                MetricAdaptedBeforeFineTune = adapted.MetricBefore, ValidationImages = settings.EvaluationImages, settings.Out,
            }));
            return 0;
        }

        var original = originalMetric is { } m ? m.ToString("F4", CultureInfo.InvariantCulture) : "- (the seed has no head for this task)";
        var wrote = settings.Out is null ? "" : $"\nwrote     {settings.Out}";
        var budgetLine = macBudget is not { } b ? ""
            : adaptedMacs <= b ? string.Create(CultureInfo.InvariantCulture, $"target    {b:N0} MACs: met\n")
            : string.Create(CultureInfo.InvariantCulture, $"target    {b:N0} MACs: not met (no cheaper candidate is left in the super network)\n");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"original  {seedNetwork.Architecture.Describe()}\nadapted   {found.Derived.Describe()}\n" +
            $"macs      {originalMacs:N0} -> {adaptedMacs:N0} ({(adaptedMacs - originalMacs) / (double)originalMacs:+0.00%;-0.00%})\n{budgetLine}" +
            $"{task.MetricName,-9} {original} -> {adapted.MetricAfter:F4} on {settings.EvaluationImages} validation images (remapped start {adapted.MetricBefore:F4}){wrote}"));
        return 0;
    }

}

/// <summary>What <c>adapt</c> was asked to do, as given on the command line.</summary>
public sealed record AdaptSettings(
    string Model, string? Task, string? Out, string CostWeight, int Images, int EvaluationImages, int WarmupEpochs, int SearchEpochs,
    int FineTuneEpochs, int Seed, int Threads, string? Data, bool Json, string? TargetMacs = null);
