using System.Diagnostics;
using System.Globalization;
using NasPipeline.Fna.Adaptation;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Costs;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;
using NasPipeline.Bench.Supernet;

namespace NasPipeline.Bench.Fna;

/// <summary>
/// FNA's claim (issue 13, item 5): a network adapted from a trained seed by parameter remapping beats the same network
/// trained from random initialisation at an equal fine-tune budget. The seed (MobileNetV2-like chain) trains on
/// Fashion-MNIST classification once; for each task and seed the architecture adaptation derives a network from the
/// super network expanded from it, and that network is fine-tuned twice (remapped, random) and measured on the test split.
/// </summary>
public static class FnaClaimBench
{
    public static BenchTable Run(FnaClaimOptions options)
    {
        var registry = TaskRegistry.CreateDefault();
        var splits = FashionMnist.LoadSplits();
        var trainImages = splits.Train.Take(options.TrainImages);
        var testImages = splits.Test.Take(options.TestImages);
        var source = registry.Get("classification");
        var clock = Stopwatch.StartNew();
        var (seedBackbone, seedHead) = TaskTrainer.CreateModel(source, () => new ChainNetwork(ChainArchitecture.MobileNetV2Like()), seed: 0);
        var seed = (ChainNetwork)seedBackbone;
        var sourceRecipe = source.DefaultRecipe;
        new TaskTrainer(seed, seedHead, source, new TrainerOptions(options.SeedEpochs, sourceRecipe.BatchSize, sourceRecipe.LearningRate, sourceRecipe.WeightDecay, 0))
            .Train(source.Prepare(trainImages, seed: 1), Steps("seed"));
        var seedMetric = TaskEvaluator.Evaluate(seed, seedHead, source, source.Prepare(testImages, seed: 2));
        Console.Error.WriteLine($"[fna] seed {seed.Architecture.Describe()}: {source.MetricName} {seedMetric:F4} after {options.SeedEpochs} epochs ({clock.Elapsed.TotalMinutes:F1} min)");

        var table = new BenchTable($"FNA on Fashion-MNIST: seed {seed.Architecture.Describe()} trained {options.SeedEpochs} epochs on {options.TrainImages} images "
            + $"({source.MetricName} {seedMetric:F4}); architecture adaptation {options.WarmupEpochs}+{options.SearchEpochs} epochs, λ {options.CostWeight}, α learning rate {options.AlphaLearningRate}, α batch {options.AlphaBatchSize}; "
            + $"fine-tune {options.FineTuneEpochs} epoch(s); {options.Seeds} seeds; test split, {options.TestImages} images");
        foreach (var name in options.Tasks)
        {
            var task = registry.Get(name);
            var train = task.Prepare(trainImages, seed: 1);
            var test = task.Prepare(testImages, seed: 2);
            var headSource = name == source.Name ? seedHead : null;
            var seedMacs = ChainOnnx.MacsOf(seed, task.InputSize);
            var runs = new List<(double Remapped, double Random, long Macs, string Derived)>();
            for (var s = options.FirstSeed; s < options.FirstSeed + options.Seeds; s++)
            {
                var derived = Adapt(seed, headSource, task, train, options, s, out var search);
                var budget = new TrainerOptions(options.FineTuneEpochs, task.DefaultRecipe.BatchSize, task.DefaultRecipe.LearningRate, task.DefaultRecipe.WeightDecay, s);
                var remapped = ParameterAdaptation.Run(seed, headSource, derived, task, train, test, budget, Initialisation.Remapped, Steps($"{name} seed {s} remapped"));
                var random = ParameterAdaptation.Run(seed, headSource, derived, task, train, test, budget, Initialisation.Random, Steps($"{name} seed {s} random"));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[fna] {name} seed {s}: derived {derived.Describe()} ({search.DerivedMacs:N0} MACs, seed {seedMacs:N0}); {task.MetricName} remapped {remapped.MetricAfter:F4} (start {remapped.MetricBefore:F4}), random {random.MetricAfter:F4} (start {random.MetricBefore:F4}); {clock.Elapsed.TotalMinutes:F1} min"));
                runs.Add((remapped.MetricAfter, random.MetricAfter, search.DerivedMacs, derived.Describe()));
            }

            var (remappedMean, remappedSd) = MeanSd(runs.Select(r => r.Remapped));
            var (randomMean, randomSd) = MeanSd(runs.Select(r => r.Random));
            table.Add(new BenchRow("fna", $"{name}: remapped (sd {remappedSd:F4})", task.MetricName, remappedMean, "", $"random init (sd {randomSd:F4})", randomMean));
            table.Add(new BenchRow("fna", $"{name}: derived network's MACs", "MACs", runs.Average(r => (double)r.Macs), "", "seed's MACs", seedMacs));
        }

        table.Add(new BenchRow("fna", "wall time", "minutes", clock.Elapsed.TotalMinutes, "", "-", double.NaN));
        return table;
    }

    private static ChainArchitecture Adapt(ChainNetwork seed, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor[], TorchSharp.torch.Tensor>? seedHead, IVisionTask task, TaskData train, FnaClaimOptions options, int s, out ArchitectureAdaptationResult result)
    {
        var recipe = task.DefaultRecipe;
        var adaptation = new ArchitectureAdaptationOptions(options.WarmupEpochs, options.SearchEpochs, recipe.BatchSize, recipe.LearningRate, options.AlphaLearningRate, options.CostWeight, s, AlphaBatchSize: options.AlphaBatchSize);
        result = SeedAdaptation.Search(seed, seedHead, task, train, adaptation, new SynchronousProgress<ArchitectureAdaptationProgress>(p =>
        {
            if (p.Step % 20 == 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[fna] {task.Name} seed {s} search: epoch {p.Epoch} step {p.Step} loss {p.WeightLoss:F4}{(p.ExpectedMacs is { } m ? $" E[MACs] {m:N0}" : "")}"));
            }
        }));
        return result.Derived;
    }

    private static SynchronousProgress<TrainingProgress> Steps(string what)
    {
        var clock = Stopwatch.StartNew();
        return new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Step % 20 == 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[fna] {what}: epoch {p.Epoch} step {p.Step}/{p.StepsPerEpoch} loss {p.Loss:F4} ({clock.Elapsed.TotalSeconds:F0} s)"));
            }
        });
    }

    private static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return (mean, list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0);
    }
}
