using System.Text.Json;
using NasPipeline.Adaptation.Networks;
using NasPipeline.Bench.Training;
using NasPipeline.ComputationGraph;
using NasPipeline.Search.Mutation;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Bench.Fna;

/// <summary>One network of the chain fine-tuned one way with one seed, and its measured metric.</summary>
public sealed record DistilledFineTuneRecord(string Variant, int Edits, string Graph, long Macs, int Seed, double Metric);

/// <summary>The budget of <see cref="DistilledFineTuneBench"/>: the trained model and its input, the task, the chain
/// (<paramref name="Networks"/> networks, <paramref name="EditsPerStep"/> edits apart, seeded), the Adapt stage's fine-tune
/// (<paramref name="Epochs"/> over <paramref name="TrainImages"/>, batch 128, its rate and decay), the fine-tune seeds, the
/// distillation weight and the validation images.</summary>
public sealed record DistilledFineTuneOptions(
    string Model,
    string Input = "1x1x28x28",
    string Task = "classification",
    int Networks = 6,
    int EditsPerStep = 1,
    int ChainSeed = 1,
    IReadOnlyList<int>? Seeds = null,
    int TrainImages = 10_000,
    int Epochs = 1,
    double Weight = 1.0,
    int EvaluationImages = 10_000,
    string? Records = null,
    string Data = FashionMnistOptions.DefaultFolder);

/// <summary>
/// Does a cut network recover more of the submitted one's metric when its fine-tune distils from it? One seeded chain of
/// edits of the model; each network fine-tuned as the Adapt stage does with the task loss alone, with distillation from the
/// submitted network as it is, and with distillation from the submitted network after its own task-loss fine-tune (same
/// seed); all measured on the same validation images. The original is fine-tuned the same ways, as the control.
/// </summary>
public static class DistilledFineTuneBench
{
    private static readonly string[] Variants = ["task loss", "distil from submitted", "distil from fine-tuned original"];

    public static BenchTable Run(DistilledFineTuneOptions options)
    {
        var task = TaskRegistry.CreateDefault().Get(options.Task);
        var data = TaskDataSets.Load(task, new FashionMnistOptions(options.Data), options.TrainImages, options.EvaluationImages, seed: 7);
        var onnx = File.ReadAllBytes(options.Model);
        var extraction = new ExtractionOptions { InputShapes = [InputShape.Parse(options.Input)] };
        var declared = DeclaredInput.Of(onnx, [options.Input]);
        var chain = MutantChain.Of(onnx, extraction, new OnnxGraphExtractor(), options.Networks, options.ChainSeed, options.EditsPerStep);
        var seeds = options.Seeds ?? [1];
        var done = Load(options.Records);
        var records = new List<DistilledFineTuneRecord>();
        using var probe = data.Train.Batch([0]);
        var (channels, size) = ((int)probe.Inputs.shape[1], (int)probe.Inputs.shape[^1]);
        foreach (var seed in seeds)
        {
            using var submitted = TrainableNetwork.Create(chain[0].Model, task, declared, channels, size, seed);
            using var fineTunedOriginal = TrainableNetwork.Create(chain[0].Model, task, declared, channels, size, seed);
            AdaptStageFineTune.Train(fineTunedOriginal, task, data.Train, options.Epochs, seed);
            var teachers = new Dictionary<string, FineTuneTeacher?>
            {
                [Variants[0]] = null,
                [Variants[1]] = new(submitted, options.Weight),
                [Variants[2]] = new(fineTunedOriginal, options.Weight),
            };
            foreach (var network in chain)
            {
                foreach (var variant in Variants)
                {
                    var key = $"{variant}/{network.GraphHash}/{seed}";
                    if (!done.TryGetValue(key, out var record))
                    {
                        using var student = TrainableNetwork.Create(network.Model, task, declared, channels, size, seed);
                        AdaptStageFineTune.Train(student, task, data.Train, options.Epochs, seed, teachers[variant]);
                        record = new DistilledFineTuneRecord(variant, network.Edits, network.GraphHash, network.Graph.TotalMacs, seed,
                            TaskEvaluator.Evaluate(student.Backbone, student.Head, task, data.Validation));
                        if (options.Records is { } path)
                        {
                            File.AppendAllText(path, JsonSerializer.Serialize(record) + Environment.NewLine);
                        }
                    }

                    records.Add(record);
                    Console.Error.WriteLine($"[distilled-fine-tune] seed {seed}, {record.Edits} edits ({record.Macs:N0} MACs), {variant}: {record.Metric:F4}");
                }
            }
        }

        var table = new BenchTable($"Fine-tuning the cut networks of {Path.GetFileName(options.Model)}'s chain ({chain.Count} networks, {options.EditsPerStep} edit(s) apart, " +
            $"chain seed {options.ChainSeed}) on {task.Name}: {options.Epochs} epoch(s) of {options.TrainImages:N0} images, distillation weight {options.Weight}, " +
            $"fine-tune seeds {string.Join(",", seeds)}, {options.EvaluationImages:N0} validation images; change against the original fine-tuned with the task loss");
        var sign = task.HigherIsBetter ? 1.0 : -1.0;
        var control = records.Where(r => r.Edits == 0 && r.Variant == Variants[0]).Average(r => r.Metric);
        foreach (var network in chain)
        {
            var cut = 1.0 - ((double)network.Graph.TotalMacs / chain[0].Graph.TotalMacs);
            var name = $"{network.Edits} edits, {cut:P1} fewer MACs";
            double Mean(string variant) => records.Where(r => r.Graph == network.GraphHash && r.Variant == variant).Average(r => r.Metric);
            foreach (var variant in Variants.Skip(1))
            {
                table.Add(new(task.Name, name, $"{task.MetricName} change, {variant}", sign * (Mean(variant) - control), "", "task loss",
                    sign * (Mean(Variants[0]) - control)));
            }
        }

        return table;
    }

    private static Dictionary<string, DistilledFineTuneRecord> Load(string? path) =>
        path is null || !File.Exists(path)
            ? []
            : File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<DistilledFineTuneRecord>(l)!)
                .GroupBy(r => $"{r.Variant}/{r.Graph}/{r.Seed}").ToDictionary(g => g.Key, g => g.Last());
}
