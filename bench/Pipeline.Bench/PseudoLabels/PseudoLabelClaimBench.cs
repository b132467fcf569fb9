using System.Diagnostics;
using System.Text.Json;
using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.Bench.Supernet;
using NasPipeline.Predictors.Metrics;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Bench.PseudoLabels;

/// <summary>One network of the claim, measured: its pseudo-label (and what it cost) and its stand-alone truth; with
/// <see cref="PseudoLabelClaimOptions.SecondTruth"/>, the truth again from another seed (how much of the truth's order is noise).</summary>
public sealed record PseudoLabelRecord(string Task, int Index, IReadOnlyList<int> Genes, double Pseudo, double Seconds, double Truth, double? SecondTruth = null);

/// <summary>
/// AIO-P's claim on this project's tasks: pseudo-labels (shared head over a classification supernet, brief fine-tune
/// with the stem and first stage frozen) rank networks as training each alone does. Per task: SRCC of the pseudo-labels
/// against the stand-alone truth, with MACs against the truth as the floor, and the seconds per label.
/// </summary>
public static class PseudoLabelClaimBench
{
    private const int HeadSeed = 11;

    public static BenchTable Run(PseudoLabelClaimOptions options)
    {
        var registry = TaskRegistry.CreateDefault();
        var space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");
        var classification = registry.Get("classification");
        using var body = Body(space, classification, options);
        var points = MacStrata.Select(space, options.Networks, new Random(2026));
        var done = Load(options.Records);
        var table = new BenchTable($"AIO-P pseudo-labels vs stand-alone truth ({options.Networks} {space.Name} networks stratified over MACs; head {options.HeadSteps} steps, " +
            $"labels {options.FineTuneSteps} fine-tune steps; truth {options.StandaloneEpochs} epoch(s) on {options.StandaloneImages:N0} images)");
        foreach (var name in options.Tasks)
        {
            var task = registry.Get(name);
            var data = TaskDataSets.Load(task, new Vision.Data.FashionMnistOptions(options.Data), options.StandaloneImages,
                options.EvaluationImages, seed: 7);
            using var head = SharedHeadTrainer.Train(body.Supernet, task, data.Train,
                new SharedHeadOptions(options.HeadSteps, 64, 1e-3, 4e-5, Seed: HeadSeed));
            var records = new List<PseudoLabelRecord>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < points.Count; i++)
            {
                var record = done.GetValueOrDefault((name, i)) is { } kept && kept.Genes.SequenceEqual(points[i]) ? kept : null;
                if (record is null)
                {
                    var label = PseudoLabeler.Label(body.Supernet, points[i], head, task, data.Train, data.Validation,
                        new PseudoLabelOptions(options.FineTuneSteps, 64, 1e-3, 4e-5, Seed: 100 + i));
                    record = new PseudoLabelRecord(name, i, points[i], label.Value, label.Seconds, Standalone(space, points[i], task, data, options, seed: 100 + i));
                    Append(options.Records, record);
                }

                if (options.SecondTruth && record.SecondTruth is null)
                {
                    record = record with { SecondTruth = Standalone(space, points[i], task, data, options, seed: 1000 + i) };
                    Append(options.Records, record);
                }

                records.Add(record);
                Console.Error.WriteLine($"[pseudo-labels] {name} {i + 1}/{points.Count}: {space.Cost(points[i]).Macs / 1e6:F2} MMACs, pseudo {record.Pseudo:F4} " +
                    $"({record.Seconds:F1} s), stand-alone {record.Truth:F4}{(record.SecondTruth is { } second ? $" / {second:F4}" : "")} ({clock.Elapsed.TotalMinutes:F1} min)");
            }

            var truth = records.Select(r => r.Truth).ToList();
            var sign = task.HigherIsBetter ? 1.0 : -1.0;
            var macs = points.Select(p => sign * space.Cost(p).Macs).ToList();
            table.Add(new(name, "pseudo-labels vs stand-alone truth", "SRCC", RankCorrelation.Spearman(truth, records.Select(r => r.Pseudo).ToList()), "",
                "MACs vs stand-alone truth", RankCorrelation.Spearman(truth, macs)));
            table.Add(new(name, "cost per pseudo-label (mean)", "seconds", records.Average(r => r.Seconds), "s", "target", 30));
            table.Add(new(name, "spread of the truth", task.MetricName, truth.Max() - truth.Min(), "", "spread of the pseudo-labels",
                records.Max(r => r.Pseudo) - records.Min(r => r.Pseudo)));
            if (records.All(r => r.SecondTruth is not null))
            {
                // The truth's own seed-to-seed SRCC bounds what any predictor of it can reach.
                var second = records.Select(r => r.SecondTruth!.Value).ToList();
                var mean = records.Select(r => (r.Truth + r.SecondTruth!.Value) / 2).ToList();
                table.Add(new(name, "stand-alone truth, second seed vs first", "SRCC", RankCorrelation.Spearman(truth, second), "",
                    "pseudo-labels vs first seed", RankCorrelation.Spearman(truth, records.Select(r => r.Pseudo).ToList())));
                table.Add(new(name, "pseudo-labels vs mean of both seeds", "SRCC", RankCorrelation.Spearman(mean, records.Select(r => r.Pseudo).ToList()), "",
                    "MACs vs mean of both seeds", RankCorrelation.Spearman(mean, macs)));
            }
        }

        return table;
    }

    internal static SupernetExperiment Body(ISearchSpace space, IVisionTask classification, PseudoLabelClaimOptions options)
    {
        if (options.Checkpoint is { } path)
        {
            var checkpoint = SupernetCheckpoint.Load(File.ReadAllBytes(path));
            var loaded = new SupernetExperiment(space, classification, SupernetExperiment.RecipeOf(checkpoint));
            loaded.RestoreCheckpoint(checkpoint);
            return loaded;
        }

        var recipe = new SupernetRecipe(space.Name, classification.Name, Epochs: options.SupernetEpochs, TrainImages: options.SupernetImages);
        var experiment = new SupernetExperiment(space, classification, recipe);
        var data = TaskDataSets.Load(classification, new Vision.Data.FashionMnistOptions(options.Data), options.SupernetImages, options.EvaluationImages, seed: 7);
        Console.Error.WriteLine($"[pseudo-labels] training the body: {space.Name} on classification, {options.SupernetEpochs} epoch(s) on {options.SupernetImages:N0} images");
        experiment.Train(data.Train);
        if (options.SaveBody is { } save)
        {
            File.WriteAllBytes(save, experiment.SaveCheckpoint());
        }

        return experiment;
    }

    /// <summary>The network trained alone from scratch with the task's recipe, measured on the validation split.</summary>
    private static double Standalone(ISearchSpace space, IReadOnlyList<int> point, IVisionTask task, TaskDataSets data, PseudoLabelClaimOptions options, int seed)
    {
        var (backbone, head) = TaskTrainer.CreateModel(task, () => SupernetDesigns.Create(space, (ulong)seed).Extract(point), seed);
        var recipe = task.DefaultRecipe;
        new TaskTrainer(backbone, head, task, new TrainerOptions(options.StandaloneEpochs, recipe.BatchSize, recipe.LearningRate, recipe.WeightDecay, seed)).Train(data.Train);
        return new SubnetEvaluator(task, head).Evaluate(backbone, data.Validation);
    }

    private static Dictionary<(string, int), PseudoLabelRecord> Load(string? path) =>
        path is null || !File.Exists(path)
            ? []
            // A network's later line (its second truth added) replaces the earlier.
            : File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<PseudoLabelRecord>(l)!)
                .GroupBy(r => (r.Task, r.Index)).ToDictionary(g => g.Key, g => g.Last());

    private static void Append(string? path, PseudoLabelRecord record)
    {
        if (path is not null)
        {
            File.AppendAllText(path, JsonSerializer.Serialize(record) + Environment.NewLine);
        }
    }
}
