using System.Text.Json;

namespace NasPipeline.Bench.Supernet;

/// <summary>
/// One stand-alone training of the fidelity protocol: a subnet (its stratum index and genes) trained alone from scratch
/// with one seed on a protocol (images, epochs), its validation top-1 and the wall time it took, with what decides its
/// float rounding: torch threads and whether oneDNN was kept on (<c>NASP_ONEDNN=1</c>; 2-3x faster here, off by default).
/// </summary>
public sealed record TruthRecord(int Index, IReadOnlyList<int> Genes, int Seed, int Images, int Epochs, int Threads, bool OneDnn, double Top1, double Seconds);

/// <summary>
/// The fidelity protocol's stand-alone trainings as JSON lines, appended as each finishes. They take many hours on
/// 2 cores and need no supernet, so they are kept apart from the inherited figures: a run that stops (session end,
/// kill) is continued by pointing the next one at the same file, from any session and with any checkpoint. A training
/// whose index, genes, seed and protocol match a line is read back instead of repeated; its seed fixes the weights, so
/// the value is the one a retraining would give (up to float order with another thread count, recorded).
/// </summary>
public sealed class TruthRecordFile(string? path)
{
    private readonly List<TruthRecord> _done = Load(path);

    public TruthRecord? Find(int index, IReadOnlyList<int> genes, int seed, int images, int epochs) =>
        _done.LastOrDefault(r => r.Index == index && r.Genes.SequenceEqual(genes) && r.Seed == seed && r.Images == images && r.Epochs == epochs);

    public void Append(TruthRecord record)
    {
        _done.Add(record);
        if (path is not null)
        {
            File.AppendAllText(path, JsonSerializer.Serialize(record) + Environment.NewLine);
        }
    }

    private static List<TruthRecord> Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        return File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<TruthRecord>(l) ?? throw new InvalidDataException($"{path}: an empty record."))
            .ToList();
    }
}
