using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NasPipeline.ArchitectureData;
using NasPipeline.ArchitectureData.Spaces.NasBench201;
using NasPipeline.Predictors.Gnn.Evaluation;

namespace NasPipeline.Bench.Data;

/// <summary>
/// Architecture datasets at scale (issue 15 item 4). The networks: every NAS-Bench-201 cell (5 ops on 6 edges: 15,625),
/// repeated under new ids up to the size asked for, with a synthetic label (this measures bytes, memory and speed, not
/// ranking). Written once as plain JSON Lines and once as the compact <c>.jsonl.gz</c>; then read back and featurised
/// for the GNN one record at a time (<c>stream</c>), against the baseline that first reads the whole plain file into a
/// list, as `predictor eval` does (<c>list</c>). Peak memory is a process's high-water mark (VmHWM), so each case runs
/// in a process of its own.
/// </summary>
public static class DatasetScaleBench
{
    private static readonly string[] Ops = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];

    /// <summary>Above this many networks the plain file and the list baseline are left out (the list of 500k needs about
    /// 70 GB): the large compact file is measured against the same cases on every NAS-Bench-201 cell once.</summary>
    public const int LargestWithPlainFile = 20_000;

    private const int AllCells = 15_625;

    public static BenchTable Run(string root, int networks)
    {
        var folder = Path.Combine(root, "bench", "results", "dataset-scale");
        Directory.CreateDirectory(folder);
        if (networks > LargestWithPlainFile)
        {
            return RunCompactOnly(folder, networks);
        }

        var (plain, compact) = (Path.Combine(folder, $"nb201-{networks}.jsonl"), Path.Combine(folder, $"nb201-{networks}.jsonl.gz"));
        var table = new BenchTable($"Architecture datasets at scale: {networks:N0} NAS-Bench-201 networks (each case its own process)");
        var writePlain = Child("write", plain, networks);
        var writeCompact = Child("write", compact, networks);
        var bytesPlain = new FileInfo(plain).Length;
        var bytesCompact = new FileInfo(compact).Length;
        table.Add(new BenchRow("dataset-scale", "file size", ".jsonl.gz", bytesCompact / 1e6, "MB", ".jsonl", bytesPlain / 1e6));
        table.Add(new BenchRow("dataset-scale", "bytes per network", ".jsonl.gz", (double)bytesCompact / networks, "B", ".jsonl", (double)bytesPlain / networks));
        table.Add(new BenchRow("dataset-scale", "write", ".jsonl.gz networks/s", writeCompact.Rate, "/s", ".jsonl", writePlain.Rate));
        var list = Child("list", plain, networks);
        var streamPlain = Child("stream", plain, networks);
        var streamCompact = Child("stream", compact, networks);
        table.Add(new BenchRow("dataset-scale", "read + featurise, peak memory", "stream .jsonl", streamPlain.PeakMegabytes, "MB", "list .jsonl", list.PeakMegabytes));
        table.Add(new BenchRow("dataset-scale", "read + featurise, peak memory", "stream .jsonl.gz", streamCompact.PeakMegabytes, "MB", "list .jsonl", list.PeakMegabytes));
        table.Add(new BenchRow("dataset-scale", "read + featurise, throughput", "stream .jsonl.gz", streamCompact.Rate, "/s", "list .jsonl", list.Rate));
        File.Delete(plain);
        File.Delete(compact);
        return table;
    }

    private static BenchTable RunCompactOnly(string folder, int networks)
    {
        var (small, large) = (Path.Combine(folder, $"nb201-{AllCells}.jsonl.gz"), Path.Combine(folder, $"nb201-{networks}.jsonl.gz"));
        var table = new BenchTable($"Architecture datasets at scale: {networks:N0} networks in the compact format against all {AllCells:N0} NAS-Bench-201 cells (each case its own process)");
        var writeSmall = Child("write", small, AllCells);
        var writeLarge = Child("write", large, networks);
        table.Add(new BenchRow("dataset-scale", "bytes per network", $"{networks:N0} .jsonl.gz", (double)new FileInfo(large).Length / networks, "B",
            $"{AllCells:N0} .jsonl.gz", (double)new FileInfo(small).Length / AllCells));
        table.Add(new BenchRow("dataset-scale", "write", $"{networks:N0} networks/s", writeLarge.Rate, "/s", $"{AllCells:N0}", writeSmall.Rate));
        var streamSmall = Child("stream", small, AllCells);
        var streamLarge = Child("stream", large, networks);
        table.Add(new BenchRow("dataset-scale", "read + featurise, peak memory", $"stream {networks:N0}", streamLarge.PeakMegabytes, "MB", $"stream {AllCells:N0}", streamSmall.PeakMegabytes));
        table.Add(new BenchRow("dataset-scale", "read + featurise, throughput", $"stream {networks:N0}", streamLarge.Rate, "/s", $"stream {AllCells:N0}", streamSmall.Rate));
        table.Add(new BenchRow("dataset-scale", "file size", $"{networks:N0} .jsonl.gz", new FileInfo(large).Length / 1e6, "MB", $"{AllCells:N0} .jsonl.gz", new FileInfo(small).Length / 1e6));
        File.Delete(small);
        File.Delete(large);
        return table;
    }

    /// <summary>One case in this process (the child's side): prints its figures as one JSON line.</summary>
    public static int RunCase(string kind, string path, int networks)
    {
        var clock = Stopwatch.StartNew();
        var count = kind switch
        {
            "write" => ArchitectureDataset.Write(path, Networks(networks)),
            "stream" => ArchitectureDataset.Read(path).Sum(Featurise),
            "list" => ArchitectureDataset.Read(path).ToList().Sum(Featurise),
            _ => throw new ArgumentException($"dataset-scale-case: no case '{kind}' (write, stream, list)"),
        };
        Console.WriteLine(JsonSerializer.Serialize(new CaseResult(count, clock.Elapsed.TotalSeconds, PeakMemory.Megabytes())));
        return 0;
    }

    /// <summary>The networks, built lazily: each distinct cell's graph once, then reused under new ids.</summary>
    private static IEnumerable<ArchitectureRecord> Networks(int count)
    {
        var built = new Dictionary<int, ArchitectureRecord>();
        for (var i = 0; i < count; i++)
        {
            var cell = i % AllCells;
            if (!built.TryGetValue(cell, out var record))
            {
                var arch = Arch(cell);
                record = ArchitectureRecord.FromGraph($"nb201-{cell}", Nb201Network.Build(Nb201Cell.Parse(arch)), new Dictionary<string, double>(), "nb201", arch);
                if (built.Count < 20_000)
                {
                    built[cell] = record;
                }
            }

            // A label that varies with the id, so no two lines are the same bytes.
            yield return record with
            {
                Id = $"nb201-{i}",
                Metrics = new Dictionary<string, double> { ["synthetic"] = (uint)HashCode.Combine(i, 17) % 10_000 / 100.0 },
            };
        }
    }

    /// <summary>The cell numbered <paramref name="index"/> in base 5 over the six edges.</summary>
    private static string Arch(int index)
    {
        var op = new string[6];
        for (var e = 0; e < 6; e++, index /= 5)
        {
            op[e] = Ops[index % 5];
        }

        return $"|{op[0]}~0|+|{op[1]}~0|{op[2]}~1|+|{op[3]}~0|{op[4]}~1|{op[5]}~2|";
    }

    private static int Featurise(ArchitectureRecord record)
    {
        _ = GnnSample.Of(record.Graph);
        return 1;
    }

    private static CaseFigures Child(string kind, string path, int networks)
    {
        var result = BenchChild.Run<CaseResult>("dataset-scale-case", "--case", kind, "--file", path, "--networks", networks.ToString(CultureInfo.InvariantCulture));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[dataset-scale] {kind} {Path.GetFileName(path)}: {result.Count:N0} networks in {result.Seconds:F1} s, peak {result.PeakMegabytes:F0} MB"));
        return new CaseFigures(result.Count / result.Seconds, result.PeakMegabytes);
    }

    private sealed record CaseResult(int Count, double Seconds, double PeakMegabytes);

    private sealed record CaseFigures(double Rate, double PeakMegabytes);
}
