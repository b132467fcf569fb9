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
        var records = Stream(path, task).Select(keep).ToList();
        if (records.Count == 0)
        {
            throw new CliUsageException($"No architecture in {path} has a '{task}' metric.");
        }

        return records;
    }

    /// <summary>
    /// The records with <paramref name="task"/>'s metric at the given positions among them (as <see cref="Load{T}"/>
    /// numbers them), each kept as <paramref name="keep"/> makes it; the reading stops after the last one wanted.
    /// </summary>
    public static IReadOnlyDictionary<int, T> ReadSome<T>(string path, string task, IReadOnlySet<int> positions, Func<ArchitectureRecord, T> keep)
    {
        var found = new Dictionary<int, T>(positions.Count);
        var last = positions.Count == 0 ? -1 : positions.Max();
        var index = 0;
        foreach (var record in Stream(path, task))
        {
            if (index > last)
            {
                break;
            }

            if (positions.Contains(index))
            {
                found[index] = keep(record);
            }

            index++;
        }

        return found.Count == positions.Count
            ? found
            : throw new CliUsageException($"{path} changed while it was read: {positions.Count - found.Count} architecture(s) wanted are gone.");
    }

    /// <summary>The records with <paramref name="task"/>'s metric, one at a time, for a pass that keeps little of each.</summary>
    public static IEnumerable<ArchitectureRecord> Stream(string path, string task)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"No such file: {path}");
        }

        using var records = ArchitectureDataset.Read(path).GetEnumerator();
        while (true)
        {
            try
            {
                if (!records.MoveNext())
                {
                    yield break;
                }
            }
            catch (ArchitectureDataException e)
            {
                throw new CliUsageException($"{path}: {e.Message}");
            }

            if (records.Current.Metrics.ContainsKey(task))
            {
                yield return records.Current;
            }
        }
    }
}
