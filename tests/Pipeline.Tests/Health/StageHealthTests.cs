using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Health;

/// <summary>The probe file compose's health checks read, kept by a real stage process against the real servers.</summary>
[Collection(PipelineCollection.Name)]
public sealed class StageHealthTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_running_stage_keeps_its_probe_file_fresh_with_the_bus_and_database_checks_and_removes_it_when_stopped()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-stage-health-").FullName;
        var probe = Path.Combine(folder, "healthy");
        var environment = new Dictionary<string, string>(fixture.Environment)
        {
            ["Health__File"] = probe,
            ["Health__IntervalSeconds"] = "1",
        };
        try
        {
            await using var stage = ChildProcess.StartDll(RepoPaths.StageDll("Stages.GraphExtract"), environment);
            await Eventually.TrueAsync(() => File.Exists(probe), TimeSpan.FromSeconds(60), $"the probe file\n{stage.Output}");

            var text = File.ReadAllText(probe);
            Assert.StartsWith("Healthy\n", text, StringComparison.Ordinal);
            Assert.Contains("masstransit-bus: Healthy", text, StringComparison.Ordinal);
            Assert.Contains("postgres: Healthy", text, StringComparison.Ordinal);
            var written = File.GetLastWriteTimeUtc(probe);
            await Eventually.TrueAsync(() => File.Exists(probe) && File.GetLastWriteTimeUtc(probe) > written, TimeSpan.FromSeconds(10),
                "the probe file to be rewritten");

            await stage.SignalAsync("TERM");
            Assert.Equal(0, await stage.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.False(File.Exists(probe), stage.Output);
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
