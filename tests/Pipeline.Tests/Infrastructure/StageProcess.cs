namespace NasPipeline.Tests.Infrastructure;

/// <summary>A stage started as its own process against the real servers, returned once its bus is up.</summary>
public static class StageProcess
{
    public static async Task<ChildProcess> StartAsync(string stage, IReadOnlyDictionary<string, string> environment)
    {
        var process = ChildProcess.StartDll(RepoPaths.StageDll(stage), environment);
        await process.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        return process;
    }

    /// <summary>The same, with <paramref name="settings"/> (a test's budget, <c>Adapt__TrainImages=256</c>, ...) over
    /// <paramref name="environment"/>.</summary>
    public static Task<ChildProcess> StartAsync(string stage, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> settings)
    {
        var merged = new Dictionary<string, string>(environment);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return StartAsync(stage, merged);
    }
}
