namespace NasPipeline.Latency;

/// <summary>The processor a latency was timed on, as the cache key and the record name it: a figure from one CPU says
/// little about another.</summary>
public static class ProcessorName
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var model = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{model ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} logical cores";
    }
}
