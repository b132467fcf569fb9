using System.Globalization;
using NasPipeline.ArchitectureData.Csv;

namespace NasPipeline.ArchitectureData.Importing;

using Graph = NasPipeline.ComputationGraph.ComputationGraph;

/// <summary>
/// A CSV with one architecture column (found by name, first match wins) and numeric metric columns: every other
/// column that parses as a number becomes a metric, so the benchmark's own <c>params</c>/<c>flops</c> travel along
/// for checking against the graph.
/// </summary>
public abstract class CsvArchitectureImporter : IArchitectureImporter
{
    public abstract string Format { get; }

    /// <summary>When set, only these columns become metrics, and a row missing a number in one of them is an error.</summary>
    public IReadOnlyCollection<string>? MetricColumns { get; init; }

    /// <summary>Column names tried in order for the architecture.</summary>
    protected abstract IReadOnlyList<string> ArchitectureColumns { get; }

    /// <summary>Parses one encoding and builds the real network; returns the canonical encoding too.</summary>
    protected abstract (Graph Graph, string Encoding) Build(string encoding);

    public IEnumerable<ArchitectureRecord> Import(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var record in Import(reader))
        {
            yield return record;
        }
    }

    public IEnumerable<ArchitectureRecord> Import(TextReader csv) => Import(CsvReader.Read(csv));

    /// <summary>Builds the networks of these rows only (e.g. a sample of a large table, read first with
    /// <see cref="CsvReader"/>); ids number the rows given.</summary>
    public IEnumerable<ArchitectureRecord> Import(IEnumerable<CsvRow> rows)
    {
        var count = 0;
        foreach (var row in rows)
        {
            var column = ArchitectureColumns.FirstOrDefault(c => row.Header.Contains(c, StringComparer.OrdinalIgnoreCase))
                ?? throw new ArchitectureDataException($"no architecture column (tried {string.Join(", ", ArchitectureColumns)}).", row.Line);
            var archIndex = row.Index(column);
            (Graph Graph, string Encoding) built;
            try
            {
                built = Build(row.Fields[archIndex].Trim());
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new ArchitectureDataException($"bad {Format} architecture '{row.Fields[archIndex]}': {e.Message}", row.Line, e);
            }

            count++;
            yield return ArchitectureRecord.FromGraph($"{Format}-{count:D5}", built.Graph, Metrics(row, archIndex, MetricColumns), Format, built.Encoding);
        }
    }

    private static Dictionary<string, double> Metrics(CsvRow row, int archIndex, IReadOnlyCollection<string>? selected)
    {
        var metrics = new Dictionary<string, double>();
        if (selected is not null)
        {
            foreach (var column in selected)
            {
                metrics[column] = double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new ArchitectureDataException($"metric column '{column}' holds '{row[column]}', not a number.", row.Line);
            }

            return metrics;
        }

        for (var i = 0; i < row.Header.Count; i++)
        {
            if (i != archIndex && double.TryParse(row.Fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                metrics[row.Header[i]] = v;
            }
        }

        return metrics;
    }
}
