using NasPipeline.ArchitectureData.Spaces.NasBench101;
using NasPipeline.ArchitectureData.Spaces.NasBench201;
using NasPipeline.ComputationGraph;
using NasPipeline.Predictors.Gnn;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.TorchRuntime;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

namespace NasPipeline.Bench;

/// <summary>
/// How fast the Predict stage can score candidates: graphs per second through AIO-P's GNN (6 x GraphConv(32), batches
/// of 256) on featurised graphs, against featurising the same graphs; and through three K-Adapters over the frozen
/// base, against the base alone. Small cells (NAS-Bench-201 and -101 networks) and ResNet-50's graph.
/// </summary>
public static class GnnScoringBench
{
    private static readonly string[] Nb201Ops = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];

    // Hand-written NAS-Bench-101 cells (7x7 adjacency then ops: 0 in, 1 out, 2 max-pool, 3 conv1x1, 4 conv3x3).
    private static readonly string[] Nb101Cells =
    [
        "0 1 0 0 1 0 0  0 0 1 0 0 0 0  0 0 0 1 0 0 0  0 0 0 0 0 0 1  0 0 0 0 0 1 0  0 0 0 0 0 0 1  0 0 0 0 0 0 0  0 4 3 4 2 4 1",
        "0 1 1 0 0 0 0  0 0 0 1 0 0 0  0 0 0 0 1 0 0  0 0 0 0 0 1 0  0 0 0 0 0 1 0  0 0 0 0 0 0 1  0 0 0 0 0 0 0  0 3 4 4 4 2 1",
        "0 1 0 0 0 0 1  0 0 1 0 0 0 0  0 0 0 1 0 0 0  0 0 0 0 1 0 0  0 0 0 0 0 1 0  0 0 0 0 0 0 1  0 0 0 0 0 0 0  0 4 4 3 4 4 1",
    ];

    public static BenchTable Run(string fixtures, int graphs, int repeats)
    {
        var environment = TorchEnvironment.Initialise(new TorchOptions { Threads = 2, Device = TorchDeviceKind.Cpu });
        var table = new BenchTable($"GNN scoring throughput (batches of 256, {environment.Description})");
        var resnet = new OnnxGraphExtractor().Extract(Path.Combine(fixtures, "resnet50.onnx"), ExtractionOptions.ForInput("1x3x224x224"));
        var random = new Random(0);
        var sets = new (string Name, Graph[] Graphs)[]
        {
            ("NAS-Bench-201 networks", Enumerable.Range(0, graphs).Select(_ => Nb201Network.Build(Nb201Cell.Parse(RandomNb201(random)))).ToArray()),
            ("NAS-Bench-101 networks", Enumerable.Range(0, graphs).Select(i => Nb101Network.Build(Nb101Cell.Parse(Nb101Cells[i % Nb101Cells.Length]))).ToArray()),
            ("ResNet-50", Enumerable.Repeat(resnet, graphs).ToArray()),
        };

        using var regressor = new GraphRegressor(new GraphRegressorOptions { Seed = 0 });
        using var adapters = new KAdapterPredictor(regressor, new KAdapterOptions { AdapterCount = 3, Seed = 0 });
        foreach (var (name, set) in sets)
        {
            var samples = GraphFeatures.Of(set);
            var nodes = set.Average(g => g.Nodes.Count);
            double PerSecond(Action action) => set.Length / (Timing.MedianMilliseconds(action, 1, repeats) / 1000);
            var gnn = PerSecond(() => regressor.Predict(samples));
            var featurise = PerSecond(() => GraphFeatures.Of(set));
            var kAdapters = PerSecond(() => adapters.Predict(samples));
            var label = $"{name} ({nodes:F0} nodes, {set.Length} graphs)";
            table.Add(new BenchRow("gnn-score", label, "GNN predict", gnn, "graphs/s", "featurisation alone", featurise));
            table.Add(new BenchRow("gnn-score", label, "3 K-Adapters predict", kAdapters, "graphs/s", "GNN predict", gnn));
        }

        return table;
    }

    private static string RandomNb201(Random random)
    {
        string Op(int from) => $"{Nb201Ops[random.Next(Nb201Ops.Length)]}~{from}";
        return $"|{Op(0)}|+|{Op(0)}|{Op(1)}|+|{Op(0)}|{Op(1)}|{Op(2)}|";
    }
}
