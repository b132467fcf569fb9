using NasPipeline.ArchitectureData;

namespace NasPipeline.Cli.Commands;

/// <summary>Reads the architectures of a dataset that carry a metric, turning file problems into usage errors.</summary>
internal static class PredictorData
{
    public static IReadOnlyList<ArchitectureRecord> Load(string path, string task)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"No such file: {path}");
        }

        List<ArchitectureRecord> records;
        try
        {
            records = ArchitectureDataset.Read(path).Where(r => r.Metrics.ContainsKey(task)).ToList();
        }
        catch (ArchitectureDataException e)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }

        if (records.Count == 0)
        {
            throw new CliUsageException($"No architecture in {path} has a '{task}' metric.");
        }

        return records;
    }
}
