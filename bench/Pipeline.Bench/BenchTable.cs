using System.Globalization;
using System.Text.Json;
using NasPipeline.Contracts.Json;

namespace NasPipeline.Bench;

public sealed record BenchRow(string Benchmark, string Case, string Measure, double Value, string Unit, string Baseline, double BaselineValue)
{
    /// <summary>How many times the baseline's figure this row's figure is (both in the same unit).</summary>
    public double Ratio => BaselineValue == 0 ? double.NaN : Value / BaselineValue;
}

/// <summary>Prints rows as an aligned table and keeps them for the JSON file.</summary>
public sealed class BenchTable(string title)
{
    private readonly List<BenchRow> _rows = [];

    public IReadOnlyList<BenchRow> Rows => _rows;

    public void Add(BenchRow row) => _rows.Add(row);

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## {title}");
        output.WriteLine();
        output.WriteLine("| case | measure | value | baseline (same run) | baseline value | ratio |");
        output.WriteLine("|---|---|---:|---|---:|---:|");
        foreach (var r in _rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Case} | {r.Measure} | {Number(r.Value)} {r.Unit} | {r.Baseline} | {Number(r.BaselineValue)} {r.Unit} | {r.Ratio:F2} |"));
        }
    }

    private static string Number(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);

    public static void WriteJson(string path, IEnumerable<BenchTable> tables)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var rows = tables.SelectMany(t => t.Rows.Select(r => new { Table = t.Title, r.Benchmark, r.Case, r.Measure, r.Value, r.Unit, r.Baseline, r.BaselineValue, r.Ratio }));
        File.WriteAllText(path, JsonSerializer.Serialize(rows, OutputJson.Options));
    }

    public string Title => title;
}
