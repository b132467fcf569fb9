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
}
