using System.Text.Json;
using NasPipeline.Adaptation.Networks;
using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.Adaptation.PseudoLabels.Networks;
using NasPipeline.Bench.Training;
using NasPipeline.ComputationGraph;
using NasPipeline.Predictors.Metrics;
using NasPipeline.Search.Mutation;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;

namespace NasPipeline.Bench.PseudoLabels;

/// <summary>One network of a submitted model's mutant chain: its pseudo-label (and its cost) and its measured truth.</summary>
public sealed record NetworkPseudoLabelRecord(int Edits, string Graph, long Macs, double Pseudo, double Seconds, double Truth);

/// <summary>The budget of <see cref="NetworkPseudoLabelBench"/>: the model and its input, the task, the chain's length,
/// the rounds of the search it is spread over (<paramref name="Rounds"/>, the Search stage's default generations) and seed, the body (<paramref name="Checkpoint"/>: a classification supernet of mbv3-28, or one trained here as
/// pseudo-label-claim does), the head's and the labels' steps (the PseudoLabel stage's defaults), and the truth: each
/// network fine-tuned from its own weights as the Adapt stage does (<paramref name="TruthEpochs"/> over
/// <paramref name="TruthImages"/>, the Adapt stage's batch, rate and decay), measured on <paramref name="EvaluationImages"/>.</summary>
public sealed record NetworkPseudoLabelOptions(
    string Model,
    string Input = "1x1x28x28",
    string Task = "classification",
    int Networks = 8,
    int Rounds = 10,
    int Seed = 1,
    string? Checkpoint = null,
    int HeadSteps = 150,
    int FineTuneSteps = 30,
    int TruthImages = 6_000,
    int TruthEpochs = 1,
    int EvaluationImages = 2_500,
    string? Records = null,
    string Data = FashionMnistOptions.DefaultFolder);

/// <summary>
/// Do pseudo-labels rank a submitted network's mutants as measuring them does? The chain an ONNX run with
/// <c>--pseudo-labels N</c> labels (<see cref="MutantChain"/>), each network pseudo-labelled as the PseudoLabel stage
/// does (<see cref="NetworkPseudoLabeler"/>) and fine-tuned and measured as the Adapt stage does; SRCC of the labels
/// against the measurements, with MACs against the measurements as the floor.
/// </summary>
public static class NetworkPseudoLabelBench
{
    private const int HeadSeed = 11;

    public static BenchTable Run(NetworkPseudoLabelOptions options)
    {
        var registry = TaskRegistry.CreateDefault();
        var space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");
        var task = registry.Get(options.Task);
        using var body = PseudoLabelClaimBench.Body(space, registry.Get("classification"),
            new PseudoLabelClaimOptions([options.Task], Checkpoint: options.Checkpoint, Data: options.Data));
        var data = TaskDataSets.Load(task, new FashionMnistOptions(options.Data), options.TruthImages, options.EvaluationImages, seed: 7);
        var onnx = File.ReadAllBytes(options.Model);
        var extraction = new ExtractionOptions { InputShapes = [InputShape.Parse(options.Input)] };
        var chain = MutantChain.Of(onnx, extraction, new OnnxGraphExtractor(), options.Networks, options.Seed,
            MutantChain.EditsPerStep(options.Rounds, options.Networks));
        Console.Error.WriteLine($"[network-pseudo-labels] {chain.Count} networks, {chain[0].Graph.TotalMacs:N0} -> {chain[^1].Graph.TotalMacs:N0} MACs; training the shared {task.Name} head");
        using var head = SharedHeadTrainer.Train(body.Supernet, task, data.Train, new SharedHeadOptions(options.HeadSteps, 64, 1e-3, 4e-5, Seed: HeadSeed));
        var grids = NetworkPseudoLabeler.GridsOf(body.Supernet, data.Train);
        var declared = DeclaredInput.Of(onnx, [options.Input]);
        var done = Load(options.Records);
        var records = new List<NetworkPseudoLabelRecord>();
        foreach (var network in chain)
        {
            var record = done.GetValueOrDefault(network.GraphHash);
            if (record is null)
            {
                var label = NetworkPseudoLabeler.Label(network.Model, declared, head, body.Supernet.Features, grids, task, data.Train, data.Validation,
                    new PseudoLabelOptions(options.FineTuneSteps, 64, 1e-3, 4e-5, Seed: 100 + network.Edits));
                record = new NetworkPseudoLabelRecord(network.Edits, network.GraphHash, network.Graph.TotalMacs, label.Value, label.Seconds,
                    Truth(network.Model, declared, task, data, options, seed: 100 + network.Edits));
                if (options.Records is { } path)
                {
                    File.AppendAllText(path, JsonSerializer.Serialize(record) + Environment.NewLine);
                }
            }

            records.Add(record);
            Console.Error.WriteLine($"[network-pseudo-labels] {record.Edits} edits: {record.Macs:N0} MACs, pseudo {record.Pseudo:F4} ({record.Seconds:F1} s), measured {record.Truth:F4}");
        }

        var truth = records.Select(r => r.Truth).ToList();
        var sign = task.HigherIsBetter ? 1.0 : -1.0;
        var table = new BenchTable($"Pseudo-labels of {Path.GetFileName(options.Model)}'s mutant chain ({records.Count} networks, seed {options.Seed}) on {task.Name}: " +
            $"head {options.HeadSteps} steps, labels {options.FineTuneSteps} steps; truth fine-tuned {options.TruthEpochs} epoch(s) on {options.TruthImages:N0} images");
        table.Add(new(task.Name, "pseudo-labels vs measured", "SRCC", RankCorrelation.Spearman(truth, records.Select(r => r.Pseudo).ToList()), "",
            "MACs vs measured", RankCorrelation.Spearman(truth, records.Select(r => sign * r.Macs).ToList())));
        table.Add(new(task.Name, "cost per pseudo-label (mean)", "seconds", records.Average(r => r.Seconds), "s", "target", 30));
        table.Add(new(task.Name, "spread of the measurements", task.MetricName, truth.Max() - truth.Min(), "", "spread of the pseudo-labels",
            records.Max(r => r.Pseudo) - records.Min(r => r.Pseudo)));
        return table;
    }

    /// <summary>The network fine-tuned from its own weights as the Adapt stage does, measured on the validation split.</summary>
    private static double Truth(byte[] model, IReadOnlyList<long> declared, IVisionTask task, TaskDataSets data, NetworkPseudoLabelOptions options, int seed)
    {
        using var probe = data.Train.Batch([0]);
        using var network = TrainableNetwork.Create(model, task, declared, (int)probe.Inputs.shape[1], (int)probe.Inputs.shape[^1], seed);
        AdaptStageFineTune.Train(network, task, data.Train, options.TruthEpochs, seed);
        return TaskEvaluator.Evaluate(network.Backbone, network.Head, task, data.Validation);
    }

    private static Dictionary<string, NetworkPseudoLabelRecord> Load(string? path) =>
        path is null || !File.Exists(path)
            ? []
            : File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<NetworkPseudoLabelRecord>(l)!)
                .GroupBy(r => r.Graph).ToDictionary(g => g.Key, g => g.Last());
}
