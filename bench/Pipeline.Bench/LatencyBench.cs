using System.Diagnostics;
using NasPipeline.Latency;
using NasPipeline.Predictors.Metrics;
using NasPipeline.SearchSpaces;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Bench;

/// <summary>
/// Issue 12's latency benchmark: seeded random subnets of a space exported and timed in ONNX Runtime (1 thread, 10
/// warm-up runs, median of 101), then ranked against their MACs, to show how far MACs stand in for the time a
/// network takes on this CPU. Per-subnet figures go to stderr.
/// </summary>
public static class LatencyBench
{
    public static BenchTable Run(string spaceName, int subnets, int seed = 2026)
    {
        TorchEnvironment.Initialise(new TorchOptions { Threads = 1, Device = TorchDeviceKind.Cpu });
        var spaces = SearchSpaceRegistry.CreateDefault();
        var space = spaces.Get(spaceName);
        var settings = new LatencySettings();
        var cache = new MemoryLatencyCache();
        using var latency = new SubnetLatency(spaces, new OnnxLatencyMeter(settings), cache);
        var random = new Random(seed);
        var points = Enumerable.Range(0, subnets * 4).Select(_ => space.Repair(space.Sample(random)))
            .DistinctBy(p => string.Join(',', p)).Take(subnets).ToList();
        var milliseconds = new List<double>();
        var macs = new List<double>();
        var parameters = new List<double>();
        var clock = Stopwatch.StartNew();
        foreach (var point in points)
        {
            var measured = latency.MeasureAsync(CandidateCodec.Encode(space.Name, point), default).GetAwaiter().GetResult();
            var cost = space.Cost(point);
            milliseconds.Add(measured.MedianMs);
            macs.Add(cost.Macs);
            parameters.Add(cost.Params);
            Console.Error.WriteLine($"[latency] {milliseconds.Count}/{points.Count} {string.Join(',', point)}: {cost.Macs / 1e6:F2} MMACs, {cost.Params / 1e3:F0} k params, {measured.MedianMs:F3} ms");
        }

        var timingSeconds = clock.Elapsed.TotalSeconds / points.Count;
        clock.Restart();
        foreach (var point in points)
        {
            latency.MeasureAsync(CandidateCodec.Encode(space.Name, point), default).GetAwaiter().GetResult();
        }

        var cachedSeconds = clock.Elapsed.TotalSeconds / points.Count;

        // The same subnets timed again from scratch: how well latency ranks them against itself bounds what any proxy can do.
        using var retime = new SubnetLatency(spaces, new OnnxLatencyMeter(settings), new MemoryLatencyCache());
        var again = points.Select(p => retime.MeasureAsync(CandidateCodec.Encode(space.Name, p), default).GetAwaiter().GetResult().MedianMs).ToList();
        var tau = RankCorrelation.KendallTauB(milliseconds, macs);
        var table = new BenchTable($"latency ({points.Count} random {space.Name} subnets, ONNX Runtime {settings.Threads} thread, {settings.WarmupRuns} warm-up + median of {settings.TimedRuns}, {ProcessorName.Current})");
        table.Add(new("latency", "latency vs MACs", "SRCC", RankCorrelation.Spearman(milliseconds, macs), "", "latency vs params", RankCorrelation.Spearman(milliseconds, parameters)));
        table.Add(new("latency", "latency vs MACs", "SRCC", RankCorrelation.Spearman(milliseconds, macs), "", "latency vs the same subnets timed again", RankCorrelation.Spearman(milliseconds, again)));
        table.Add(new("latency", "latency vs MACs", "Kendall tau-b", tau, "", "latency vs params", RankCorrelation.KendallTauB(milliseconds, parameters)));
        table.Add(new("latency", "pairs MACs order the other way round", "share", (1 - tau) / 2, "", "pairs params order the other way round", (1 - RankCorrelation.KendallTauB(milliseconds, parameters)) / 2));
        table.Add(new("latency", "slowest / fastest subnet", "ratio", milliseconds.Max() / milliseconds.Min(), "", "most / fewest MACs", macs.Max() / macs.Min()));
        table.Add(new("latency", "per subnet: export + timing", "time", timingSeconds, "s", "per subnet: export + cache hit", cachedSeconds));
        return table;
    }
}
