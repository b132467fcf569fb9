using System.Diagnostics;
using NasPipeline.Predictors.Metrics;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Sandwich;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;
using static TorchSharp.torch;

namespace NasPipeline.Bench.Supernet;

/// <summary>
/// Issue 3's benchmarks on Fashion-MNIST classification, 2 threads: supernet epoch and subnet evaluation time, the
/// accuracy of the smallest and largest subnet after the default budget, ranking fidelity of inherited weights, and
/// the NASViT ablation on the hybrid space (issue 12's recipe ablation: <see cref="SupernetRecipeBench"/>). Progress goes to stderr.
/// </summary>
public static class SupernetBenchmarks
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly IVisionTask Classification = TaskRegistry.CreateDefault().Get("classification");

    /// <summary>One sandwich epoch (projection on) against an epoch of the largest subnet alone, and subnet evaluation time.</summary>
    public static BenchTable Speed(SupernetBenchOptions options)
    {
        var table = new BenchTable($"supernet speed (mbv3-28, classification, {options.SpeedImages:N0} images, batch 128, 2 threads)");
        var data = TaskDataSets.Load(Classification, options.Data, options.SpeedImages, options.EvaluationImages, seed: 1);
        var recipe = new SupernetRecipe(Epochs: 1, TrainImages: options.SpeedImages);
        using var sandwich = new SupernetExperiment(Spaces.Get("mbv3-28"), Classification, recipe, Steps("speed sandwich"));
        var sandwichSeconds = sandwich.Train(data.Train, Progress("speed sandwich"))[0].Seconds;
        var space = Spaces.Get("mbv3-28");
        using var largestOnly = new SupernetExperiment(space, Classification, recipe with { GradientProjection = false }, Steps("speed largest-only"), new FixedSampler([space.Largest]));
        var largestSeconds = Seconds(() => LargestOnlyEpoch(largestOnly, data.Train));
        table.Add(new("supernet", "epoch, sandwich of 4 + projection", "time", sandwichSeconds, "s", "largest subnet alone, same epoch", largestSeconds));

        foreach (var (name, point) in new[] { ("smallest", sandwich.Space.Smallest), ("largest", sandwich.Space.Largest) })
        {
            var full = Seconds(() => sandwich.Evaluate(point, data.Train, data.Validation));
            sandwich.Supernet.Activate(point);
            var plain = Seconds(() => sandwich.Evaluator.Evaluate(sandwich.Supernet, data.Validation));
            table.Add(new("subnet eval", $"{name}: extract + BN recalibration + {options.EvaluationImages:N0} images", "time", full, "s", "forward pass of the active subnet only", plain));
        }

        return table;
    }

    /// <summary>Where the run departs from the default recipe: student weighting, gradient combination, resolution sampling, kernel transforms.</summary>
    private static string Weighting(SupernetRecipe recipe) =>
        (recipe.SandwichOrDefault.StudentLossAveraging ? "" : ", student losses summed") + (recipe.GradientProjection ? "" : ", no projection")
        + (recipe.SandwichOrDefault.SharedResolution ? ", one resolution per step" : "") + (recipe.KernelTransforms ? ", kernel transforms" : "");

    /// <summary>
    /// Trains the default recipe and reads the smallest and largest subnets' accuracy on the official test split, with
    /// the same two subnets trained alone by the same recipe, data and budget as controls.
    /// </summary>
    /// <param name="checkpointPath">Where the trained supernet is written before the controls train, or null.</param>
    /// <param name="controls">False skips the two stand-alone controls (their figures are NaN): a supernet for fidelity runs only.</param>
    public static (BenchTable Table, SupernetExperiment Experiment, TaskDataSets Data, SupernetAccuracyFigures Figures) Accuracy(SupernetBenchOptions options, string? checkpointPath = null, bool controls = true)
    {
        var recipe = options.Accuracy;
        var table = new BenchTable($"supernet accuracy ({recipe.Space}, {recipe.Epochs} epochs on {recipe.TrainImages:N0} images, largest + smallest + {recipe.RandomSubnets} random subnets per step{Weighting(recipe)}, test split)");
        var data = TaskDataSets.Load(Classification, options.Data, recipe.TrainImages, Math.Max(options.EvaluationImages, 10_000), recipe.Seed);
        var space = Spaces.Get(recipe.Space);
        var experiment = new SupernetExperiment(space, Classification, recipe, Steps("accuracy"));
        var clock = Stopwatch.StartNew();
        var epochs = experiment.Train(data.Train, Progress("accuracy"));
        var minutes = clock.Elapsed.TotalMinutes;
        table.Add(new("supernet", "training time", "wall", minutes, "min", "target", 45));
        table.Add(new("supernet", "gradient-conflict rate, last epoch", "share", epochs[^1].GradientConflictRate, "", "first epoch", epochs[0].GradientConflictRate));
        if (checkpointPath is not null)
        {
            // Written before the controls, which take longer than the supernet: a stopped run keeps what it trained.
            File.WriteAllBytes(checkpointPath, experiment.SaveCheckpoint());
            Console.Error.WriteLine($"[accuracy] supernet written to {checkpointPath}");
        }

        var smallest = experiment.Evaluate(space.Smallest, data.Train, data.Test);
        var largest = experiment.Evaluate(space.Largest, data.Train, data.Test);
        table.Add(new("smallest subnet", Describe(experiment, space.Smallest), "top-1", smallest, "", "target", 0.86));
        table.Add(new("largest subnet", Describe(experiment, space.Largest), "top-1", largest, "", "target", 0.90));
        var smallestAlone = double.NaN;
        var largestAlone = double.NaN;
        if (controls)
        {
            smallestAlone = TrainAlone(space, recipe, space.Smallest, data.Train, data.Test, "accuracy control");
            largestAlone = TrainAlone(space, recipe, space.Largest, data.Train, data.Test, "accuracy control");
            table.Add(new("smallest subnet", "from the supernet", "top-1", smallest, "", "trained alone, same recipe and budget", smallestAlone));
            table.Add(new("largest subnet", "from the supernet", "top-1", largest, "", "trained alone, same recipe and budget", largestAlone));
        }

        return (table, experiment, data, new SupernetAccuracyFigures(largest, smallest, largestAlone, smallestAlone, null));
    }

    /// <summary>The trained supernet of an earlier accuracy run (<c>--save-checkpoint</c>) and the data it was trained on, for a fidelity run on its own.</summary>
    public static (SupernetExperiment Experiment, TaskDataSets Data) Restore(SupernetBenchOptions options, byte[] checkpointBytes)
    {
        var checkpoint = SupernetCheckpoint.Load(checkpointBytes);
        var recipe = SupernetExperiment.RecipeOf(checkpoint);
        var experiment = new SupernetExperiment(Spaces.Get(recipe.Space), Classification, recipe);
        experiment.RestoreCheckpoint(checkpoint);
        return (experiment, TaskDataSets.Load(Classification, options.Data, recipe.TrainImages, Math.Max(options.EvaluationImages, 10_000), recipe.Seed));
    }

    /// <summary>
    /// Issue 12's protocol: subnets stratified over the MAC range (<see cref="MacStrata"/>), each trained alone from
    /// scratch with several seeds (the truth is their mean, <see cref="Truth"/>), against inherited weights with BN
    /// recalibration on the same validation images; Spearman and Kendall, with MACs against the truth as the floor a
    /// supernet must beat.
    /// </summary>
    /// <param name="interim">Measure only the subnets whose every seed is in the truth records, training none: a reading
    /// while the truth is still being trained.</param>
    public static (BenchTable Table, double Srcc) Fidelity(SupernetBenchOptions options, SupernetExperiment trained, TaskDataSets data, bool interim = false)
    {
        var space = trained.Space;
        var points = Strata(options, space);
        IReadOnlyList<double[]?> truths = interim ? RecordedTruth(options, points) : Truth(options, space, points, shard: null);
        var measured = Enumerable.Range(0, points.Count).Where(i => truths[i] is not null).ToList();
        if (measured.Count < 3)
        {
            throw new InvalidOperationException($"ranking fidelity needs at least 3 subnets with a complete truth; the records hold {measured.Count}.");
        }

        var table = new BenchTable($"ranking fidelity ({(interim ? $"{measured.Count} of " : "")}{options.FidelitySubnets} {space.Name} subnets stratified over MACs, stand-alone {options.StandaloneEpochs} epoch(s) on {options.StandaloneImages:N0} images x {options.StandaloneSeeds} seeds, BN recalibrated on {options.CalibrationBatches * 256:N0} images)");
        var standaloneData = StandaloneData(options);
        var evaluator = new SubnetEvaluator(trained.Task, trained.Head, calibrationBatches: options.CalibrationBatches);
        var inherited = new List<double>();
        var truth = new List<double>();
        var macs = new List<double>();
        foreach (var i in measured)
        {
            var clock = Stopwatch.StartNew();
            inherited.Add(evaluator.Evaluate(trained.Supernet, space.Repair(points[i]), data.Train, standaloneData.Validation));
            truth.Add(truths[i]!.Average());
            macs.Add(space.Cost(points[i]).Macs);
            Console.Error.WriteLine($"[fidelity] {i + 1}/{points.Count} {string.Join(',', points[i])}: {macs[^1] / 1e6:F2} MMACs, inherited {inherited[^1]:F4} ({clock.Elapsed.TotalSeconds:F0} s), stand-alone {Format(truths[i]!)}");
        }

        var srcc = RankCorrelation.Spearman(truth, inherited);
        table.Add(new("fidelity", "inherited vs stand-alone truth", "SRCC", srcc, "", "MACs vs stand-alone truth", RankCorrelation.Spearman(truth, macs)));
        table.Add(new("fidelity", "inherited vs stand-alone truth", "Kendall tau-b", RankCorrelation.KendallTauB(truth, inherited), "", "MACs vs stand-alone truth", RankCorrelation.KendallTauB(truth, macs)));
        table.Add(new("fidelity", "spread of the truth over the subnets", "top-1", truth.Max() - truth.Min(), "", "spread of inherited top-1", inherited.Max() - inherited.Min()));
        if (options.StandaloneSeeds >= 2)
        {
            var complete = measured.Select(i => truths[i]!).ToList();
            table.Add(new("fidelity", "first seed's stand-alone top-1 against the second's", "SRCC", RankCorrelation.Spearman(complete.Select(t => t[0]).ToList(), complete.Select(t => t[1]).ToList()), "", "MACs vs stand-alone truth", RankCorrelation.Spearman(truth, macs)));
        }

        return (table, srcc);
    }

    /// <summary>
    /// The protocol's stand-alone truth alone (<c>supernet-truth</c>): no supernet is needed, so it can be trained over
    /// several sessions (<c>--truth-records</c>) or split over processes (<c>--shard K/N</c>) and read by a fidelity run
    /// later. The table covers the subnets whose every seed is in the record file, this run's and other processes';
    /// without <paramref name="train"/> it only reads the file (<c>--report</c>).
    /// </summary>
    public static BenchTable TruthTable(SupernetBenchOptions options, (int Index, int Count)? shard, bool train = true)
    {
        var space = Spaces.Get(options.Accuracy.Space);
        var points = Strata(options, space);
        if (train)
        {
            Truth(options, space, points, shard);
        }

        // Read again: other processes (--shard) append to the same file.
        var recorded = RecordedTruth(options, points);
        var complete = Enumerable.Range(0, points.Count)
            .Where(i => recorded[i] is not null)
            .Select(i => (Index: i, Top1: recorded[i]!))
            .ToList();
        var table = new BenchTable($"stand-alone truth ({complete.Count} of {points.Count} {space.Name} subnets done, {options.StandaloneEpochs} epoch(s) on {options.StandaloneImages:N0} images x {options.StandaloneSeeds} seeds)");
        if (complete.Count < 3)
        {
            return table;
        }

        var truth = complete.Select(t => t.Top1.Average()).ToList();
        var macs = complete.Select(t => (double)space.Cost(points[t.Index]).Macs).ToList();
        table.Add(new("truth", "mean of the seeds", "SRCC with MACs", RankCorrelation.Spearman(truth, macs), "", "Kendall tau-b with MACs", RankCorrelation.KendallTauB(truth, macs)));
        table.Add(new("truth", "spread over the subnets", "top-1", truth.Max() - truth.Min(), "", "largest gap between one subnet's seeds", complete.Max(t => t.Top1.Max() - t.Top1.Min())));
        if (options.StandaloneSeeds >= 2)
        {
            table.Add(new("truth", "first seed against the second", "SRCC", RankCorrelation.Spearman(complete.Select(t => t.Top1[0]).ToList(), complete.Select(t => t.Top1[1]).ToList()), "", "first seed with MACs", RankCorrelation.Spearman(complete.Select(t => t.Top1[0]).ToList(), macs)));
        }

        return table;
    }

    /// <summary>Each stratum's top-1 per seed from the truth records, or null where a seed is missing; trains nothing.</summary>
    private static IReadOnlyList<double[]?> RecordedTruth(SupernetBenchOptions options, IReadOnlyList<IReadOnlyList<int>> points)
    {
        var records = new TruthRecordFile(options.TruthRecords);
        return points
            .Select((point, i) => Seeds(options).Select(s => records.Find(i, point, TruthSeed(i, s), options.StandaloneImages, options.StandaloneEpochs)?.Top1).ToArray())
            .Select(top1 => top1.All(t => t is not null) ? top1.Select(t => t!.Value).ToArray() : null)
            .ToList();
    }

    /// <summary>
    /// Trains (or reads back) every seed of every stratum this process owns, in <see cref="SpreadOrder"/>. Each subnet
    /// is trained as the accuracy benchmark's controls are: the only member of every step of the supernet recipe (AdamW,
    /// warm-up, cosine decay to zero), so a stopped schedule's last noisy steps do not decide the truth.
    /// </summary>
    private static IReadOnlyList<double[]> Truth(SupernetBenchOptions options, ISearchSpace space, IReadOnlyList<IReadOnlyList<int>> points, (int Index, int Count)? shard)
    {
        var data = StandaloneData(options);
        var records = new TruthRecordFile(options.TruthRecords);
        var top1 = points.Select(_ => new double[options.StandaloneSeeds]).ToArray();
        var order = SpreadOrder.Of(points.Count);
        var clock = Stopwatch.StartNew();
        for (var position = 0; position < order.Count; position++)
        {
            var i = order[position];
            if (shard is { } own && position % own.Count != own.Index)
            {
                continue;
            }

            foreach (var s in Seeds(options))
            {
                var seed = TruthSeed(i, s);
                var record = records.Find(i, points[i], seed, options.StandaloneImages, options.StandaloneEpochs);
                var readBack = record is not null;
                if (record is null)
                {
                    var trainingClock = Stopwatch.StartNew();
                    var budget = options.Accuracy with { Space = space.Name, Epochs = options.StandaloneEpochs, TrainImages = data.Train.Count, Seed = seed };
                    var value = TrainAlone(space, budget, points[i], data.Train, data.Validation, $"truth {i + 1}/{points.Count} seed {s + 1}");
                    record = new TruthRecord(i, points[i], seed, options.StandaloneImages, options.StandaloneEpochs, options.Threads, OneDnnKept, value, trainingClock.Elapsed.TotalSeconds);
                    records.Append(record);
                }

                top1[i][s] = record.Top1;
                Console.Error.WriteLine(
                    $"[truth] stratum {i + 1}/{points.Count} ({space.Cost(points[i]).Macs / 1e6:F2} MMACs) seed {s + 1}: top-1 {record.Top1:F4} " +
                    $"({record.Seconds:F0} s{(readBack ? ", read back" : "")}; {clock.Elapsed.TotalMinutes:F1} min so far)");
            }
        }

        return top1;
    }

    private static IReadOnlyList<IReadOnlyList<int>> Strata(SupernetBenchOptions options, ISearchSpace space) =>
        MacStrata.Select(space, options.FidelitySubnets, new Random(2026));

    private static bool OneDnnKept => Environment.GetEnvironmentVariable("NASP_ONEDNN") == "1";

    private static IEnumerable<int> Seeds(SupernetBenchOptions options) => Enumerable.Range(0, options.StandaloneSeeds);

    private static int TruthSeed(int index, int seed) => 100 + index + 1_000 * seed;

    private static TaskDataSets StandaloneData(SupernetBenchOptions options) =>
        TaskDataSets.Load(Classification, options.Data, options.StandaloneImages, options.EvaluationImages, seed: 7);

    private static string Format(IEnumerable<double> values) =>
        string.Join(" / ", values.Select(a => a.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>NASViT's ablation on nasvit-hybrid: gradient projection and switchable scaling on and off, same budget and seed.</summary>
    public static BenchTable Ablation(SupernetBenchOptions options)
    {
        var table = new BenchTable($"NASViT ablation (nasvit-hybrid, {options.AblationEpochs} epochs on {options.AblationImages:N0} images, validation split)");
        var data = TaskDataSets.Load(Classification, options.Data, options.AblationImages, options.EvaluationImages, seed: 3);
        var results = new Dictionary<(bool Projection, bool Scaling), (double Conflict, double Smallest, double Largest)>();
        foreach (var projection in new[] { false, true })
        {
            foreach (var scaling in new[] { false, true })
            {
                var recipe = new SupernetRecipe("nasvit-hybrid", Epochs: options.AblationEpochs, TrainImages: options.AblationImages, GradientProjection: projection, SwitchableScaling: scaling, Seed: 5);
                using var experiment = new SupernetExperiment(Spaces.Get("nasvit-hybrid"), Classification, recipe);
                var epochs = experiment.Train(data.Train, Progress($"ablation projection={projection} scaling={scaling}"));
                results[(projection, scaling)] = (
                    epochs.Average(e => e.GradientConflictRate),
                    experiment.Evaluate(experiment.Space.Smallest, data.Train, data.Validation),
                    experiment.Evaluate(experiment.Space.Largest, data.Train, data.Validation));
            }
        }

        var baseline = results[(false, false)];
        foreach (var ((projection, scaling), r) in results)
        {
            var label = $"projection {(projection ? "on" : "off")}, scaling {(scaling ? "on" : "off")}";
            table.Add(new("ablation", label, "conflict rate", r.Conflict, "", "both off", baseline.Conflict));
            table.Add(new("ablation", label, "smallest top-1", r.Smallest, "", "both off", baseline.Smallest));
            table.Add(new("ablation", label, "largest top-1", r.Largest, "", "both off", baseline.Largest));
        }

        return table;
    }

    /// <summary>The update rule on a short budget: the sandwich with momentum SGD at two rates and with AdamW, same data and seed.</summary>
    public static BenchTable Optimizers(SupernetBenchOptions options)
    {
        var table = new BenchTable($"supernet optimizer (mbv3-28, 1 epoch on {options.SpeedImages:N0} images, validation split)");
        var data = TaskDataSets.Load(Classification, options.Data, options.SpeedImages, options.EvaluationImages, seed: 1);
        var baseline = (Smallest: double.NaN, Largest: double.NaN);
        foreach (var (optimizer, rate) in new[] { (SupernetOptimizer.Sgd, 0.05), (SupernetOptimizer.Sgd, 0.2), (SupernetOptimizer.AdamW, 2e-3), (SupernetOptimizer.AdamW, 5e-3) })
        {
            var recipe = new SupernetRecipe(Epochs: 1, TrainImages: options.SpeedImages, LearningRate: rate, Optimizer: optimizer);
            using var experiment = new SupernetExperiment(Spaces.Get("mbv3-28"), Classification, recipe);
            experiment.Train(data.Train, Progress($"optimizer {optimizer} {rate}"));
            var result = (Smallest: experiment.Evaluate(experiment.Space.Smallest, data.Train, data.Validation), Largest: experiment.Evaluate(experiment.Space.Largest, data.Train, data.Validation));
            baseline = double.IsNaN(baseline.Smallest) ? result : baseline;
            table.Add(new("optimizer", $"{optimizer} lr {rate}", "smallest top-1", result.Smallest, "", "SGD lr 0.05", baseline.Smallest));
            table.Add(new("optimizer", $"{optimizer} lr {rate}", "largest top-1", result.Largest, "", "SGD lr 0.05", baseline.Largest));
        }

        return table;
    }

    /// <summary>The subnet as the only member of every step of <paramref name="recipe"/> (its budget and seed), read on <paramref name="evaluation"/>.</summary>
    private static double TrainAlone(ISearchSpace space, SupernetRecipe recipe, IReadOnlyList<int> point, TaskData train, TaskData evaluation, string what)
    {
        using var alone = new SupernetExperiment(space, Classification, recipe, Steps(what), new FixedSampler([point]));
        var reports = alone.Train(train, Progress(what));
        // A truth run may keep oneDNN on for speed (NASP_ONEDNN=1), whose padded-channel convolutions have returned NaN
        // on AVX-512 machines (src/TorchRuntime/OneDnn.cs): one NaN step poisons the weights, so it shows here.
        if (reports.Any(e => !double.IsFinite(e.MeanLoss)))
        {
            throw new InvalidOperationException($"{what}: the training loss became {reports.First(e => !double.IsFinite(e.MeanLoss)).MeanLoss}; nothing is recorded for it.");
        }

        return alone.Evaluate(point, train, evaluation);
    }

    private static void LargestOnlyEpoch(SupernetExperiment experiment, TaskData train) =>
        experiment.Train(train, Progress("speed largest-only"));

    private static string Describe(SupernetExperiment experiment, IReadOnlyList<int> point)
    {
        var cost = experiment.Space.Cost(point);
        return $"{cost.Macs / 1e6:F2} MMACs, {cost.Params / 1e3:F0} k params";
    }

    private static double Seconds(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static IProgress<SupernetStepReport> Steps(string what) => BenchProgress.Steps(what);

    private static IProgress<SupernetEpochReport> Progress(string what) => BenchProgress.Epochs(what);
}
