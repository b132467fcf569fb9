using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NasPipeline.ComputationGraph;
using NasPipeline.Predictors.Gnn;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Bench.Scale;

/// <summary>
/// Scoring a very large network as the Predict stage does (issue 15, item 6): a <see cref="LargeGraphs.Residual"/>
/// network's ONNX extracted to its computation graph, <c>copies</c> featurised copies (a population of same-sized
/// mutants) scored by three K-Adapters over AIO-P's GNN. Peak memory (each case a child process of its own) as the
/// Predict stage scores now, forward passes bounded to <see cref="GraphRegressorOptions.DefaultPredictNodeBudget"/>
/// nodes and glibc's mmap threshold fixed (<see cref="NativeHeap"/>), against batches of up to 256 graphs whatever their
/// size on glibc's default heap. Both have each GNN layer's temporaries freed as it ends (before that fix, the same
/// 8-copy case peaked at 2,271 MB).
/// </summary>
public static class LargeGraphBench
{
    public static BenchTable Run(int nodes, int copies)
    {
        var bounded = Child("bounded", nodes, copies);
        var whole = Child("whole", nodes, copies);
        var table = new BenchTable(string.Create(CultureInfo.InvariantCulture,
            $"Scoring a {nodes:N0}-node network ({bounded.Bytes / 1e6:F1} MB ONNX), {copies} copies, 3 K-Adapters, 2 threads"));
        var bound = $"passes of at most {GraphRegressorOptions.DefaultPredictNodeBudget:N0} nodes, fixed mmap threshold";
        const string unbounded = "batches of up to 256 graphs, default heap";
        table.Add(new BenchRow("large-graph", bound, "peak memory", bounded.PeakMegabytes, "MB", unbounded, whole.PeakMegabytes));
        table.Add(new BenchRow("large-graph", bound, "extract + featurise + score", bounded.Seconds, "s", unbounded, whole.Seconds));
        return table;
    }

    public static int RunCase(string kind, int nodes, int copies)
    {
        if (kind != "whole")
        {
            NativeHeap.FixMmapThreshold(); // as the Predict stage does at start
        }

        TorchEnvironment.Initialise(new TorchOptions { Threads = 2, Device = TorchDeviceKind.Cpu });
        var clock = Stopwatch.StartNew();
        var bytes = LargeGraphs.Residual(nodes);
        var graph = new OnnxGraphExtractor().Extract(bytes, ExtractionOptions.ForInput(LargeGraphs.Input));
        Console.Error.WriteLine($"[large-graph] {kind}: extracted, peak {PeakMemory.Megabytes():F0} MB, {clock.Elapsed.TotalSeconds:F1} s");
        var samples = Enumerable.Range(0, copies).Select(_ => GraphFeatures.Of(graph)).ToList();
        Console.Error.WriteLine($"[large-graph] {kind}: featurised, peak {PeakMemory.Megabytes():F0} MB, {clock.Elapsed.TotalSeconds:F1} s");
        var options = new GraphRegressorOptions { Seed = 0, PredictNodeBudget = kind == "whole" ? int.MaxValue : GraphRegressorOptions.DefaultPredictNodeBudget };
        using var regressor = new GraphRegressor(options);
        using var adapters = new KAdapterPredictor(regressor, new KAdapterOptions { AdapterCount = 3, Seed = 0 });
        var scores = adapters.PredictEach(samples);
        if (scores.Any(row => row.Any(double.IsNaN)))
        {
            throw new InvalidOperationException("a score is NaN");
        }

        Console.WriteLine(JsonSerializer.Serialize(new CaseResult(bytes.Length, clock.Elapsed.TotalSeconds, PeakMemory.Megabytes())));
        return 0;
    }

    private static CaseResult Child(string kind, int nodes, int copies)
    {
        var result = BenchChild.Run<CaseResult>("large-graph-case", "--case", kind, "--nodes", $"{nodes}", "--copies", $"{copies}");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[large-graph] {kind}: {result.Seconds:F1} s, peak {result.PeakMegabytes:F0} MB"));
        return result;
    }

    private sealed record CaseResult(int Bytes, double Seconds, double PeakMegabytes);
}
