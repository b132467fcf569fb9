using NasPipeline.ArchitectureData;

namespace NasPipeline.Cli.Commands;

/// <summary>Reads the architectures of a dataset that carry a metric, turning file problems into usage errors.</summary>
internal static class PredictorData
{
    public static IReadOnlyList<ArchitectureRecord> Load(string path, string task) => Load(path, task, record => record);

    /// <summary>The records with <paramref name="task"/>'s metric, read one at a time and each kept as <paramref name="keep"/>
    /// makes it.</summary>
    public static IReadOnlyList<T> Load<T>(string path, string task, Func<ArchitectureRecord, T> keep)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"No such file: {path}");
        }

        List<T> records;
        try
        {
            records = ArchitectureDataset.Read(path).Where(r => r.Metrics.ContainsKey(task)).Select(keep).ToList();
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
