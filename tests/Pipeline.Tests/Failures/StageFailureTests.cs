using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Hosting.Projections;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Failures;

/// <summary>A stage that keeps failing on a run's message ends the run, over RabbitMQ and PostgreSQL.</summary>
[Collection(PipelineCollection.Name)]
public sealed class StageFailureTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Search_stage_exception_ends_the_run_failed_instead_of_searching_forever()
    {
        // A genuine Search-stage exception: the submitted model is not in the blob store when the search starts.
        var runId = Guid.NewGuid();
        var missing = new string('d', 64);
        var submitted = new ModelSubmitted(runId, DateTimeOffset.UtcNow, new OnnxModelRef(missing, "gone.onnx", 1234), null, ["1x1x28x28"],
            ["classification"], [new Objective("classification", ObjectiveDirection.Maximize)], [], 5);
        var graph = new GraphExtracted(runId, new string('e', 64), 4, 3, 1000, 100, new Dictionary<string, int>(), "test", 8, 17, 1.0);
        await fixture.Writer.AppendAsync(runId, [submitted, graph]);
        await StageQueues.PurgeAsync("nasp-search");
        await using var search = ChildProcess.StartDll(RepoPaths.StageDll("Stages.Search"), fixture.Environment);
        await search.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        await using var bus = await TestBus.StartAsync();

        await bus.PublishAsync(graph);

        await Eventually.TrueAsync(async () => (await fixture.Reader.EventsAsync(runId)).Any(e => e.Data is RunFailed),
            TimeSpan.FromSeconds(90), $"RunFailed after the retries; stage output:\n{search.Output}");
        var failed = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).OfType<RunFailed>().Single();
        Assert.Equal("search", failed.Stage);
        Assert.Contains("InvalidOperationException", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("left the blob store", failed.Reason, StringComparison.Ordinal);
        var summary = (await fixture.Reader.SummaryAsync(runId))!;
        Assert.Equal((RunStatus.Failed, "search"), (summary.Status, summary.FailureStage));
        Assert.False(search.HasExited, search.Output);

        // `watch` (and so `submit --wait`) ends on it, with the failure and exit code 1.
        var watch = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "watch", runId.ToString());
        Assert.True(watch.ExitCode == 1, watch.Output);
        Assert.Matches(@"(?m)^failed\s+\[search\] InvalidOperationException", watch.Output);
    }
}
