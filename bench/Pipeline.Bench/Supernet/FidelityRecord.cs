using System.Text.Json;

namespace NasPipeline.Bench.Supernet;

/// <summary>One subnet of the fidelity protocol, measured: its stratum index, genes, inherited top-1 and stand-alone top-1 per seed.</summary>
public sealed record FidelityRecord(int Index, IReadOnlyList<int> Genes, double Inherited, IReadOnlyList<double> Standalone);

/// <summary>
/// The fidelity run's measured subnets as JSON lines, one per subnet, appended as each finishes. The protocol takes hours on
/// 2 cores, so a run that stops (session end, kill) is continued by pointing the next one at the same file: a subnet whose
/// stratum index and genes match a line is read back instead of retrained. Its trainings are seeded, so the values are the
/// ones a retraining would give. One file per supernet checkpoint: the inherited figures are that supernet's.
/// </summary>
public sealed class FidelityRecordFile(string? path)
{
    private readonly Dictionary<int, FidelityRecord> _done = Load(path);

    public FidelityRecord? Find(int index, IReadOnlyList<int> genes, int seeds) =>
        _done.TryGetValue(index, out var record) && record.Genes.SequenceEqual(genes) && record.Standalone.Count == seeds ? record : null;

    public void Append(FidelityRecord record)
    {
        _done[record.Index] = record;
        if (path is not null)
        {
            File.AppendAllText(path, JsonSerializer.Serialize(record) + Environment.NewLine);
        }
    }

    private static Dictionary<int, FidelityRecord> Load(string? path)
    {
        var records = new Dictionary<int, FidelityRecord>();
        if (path is null || !File.Exists(path))
        {
            return records;
        }

        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var record = JsonSerializer.Deserialize<FidelityRecord>(line) ?? throw new InvalidDataException($"{path}: an empty record.");
            records[record.Index] = record;
        }

        return records;
    }
}
