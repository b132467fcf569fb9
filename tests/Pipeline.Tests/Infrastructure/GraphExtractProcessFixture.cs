namespace NasPipeline.Tests.Infrastructure;

/// <summary>Starts the GraphExtract stage as its own process against the real servers.</summary>
public static class GraphExtractProcess
{
    public static Task<ChildProcess> StartAsync(PipelineFixture fixture) => StageProcess.StartAsync("Stages.GraphExtract", fixture.Environment);
}
