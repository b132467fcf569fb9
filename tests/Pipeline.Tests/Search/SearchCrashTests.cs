using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NasPipeline.Tests.Search;

/// <summary>The Search stage as its own process over RabbitMQ, killed mid-run and restarted.</summary>
[Collection(PipelineCollection.Name)]
public sealed class SearchCrashTests(PipelineFixture fixture, ITestOutputHelper log)
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();

    [Fact]
    public async Task Search_killed_mid_run_resumes_from_the_stream_with_no_lost_or_duplicated_decision()
    {
        const int runs = 4;
        await using var predictor = await PredictorStub.StartAsync(fixture.Writer);
        await StageQueues.PurgeAsync("nasp-search");
        await using var stage = await StartSearchAsync();
        await using var bus = await TestBus.StartAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < runs; i++)
        {
            var (runId, graph) = await RecordPointSubmissionAsync(seed: 20 + i);
            ids.Add(runId);
            await bus.PublishAsync(graph);
        }

        await Eventually.TrueAsync(async () => await CountAsync<GenerationCompleted>(ids) >= 3, TimeSpan.FromSeconds(120), "a few generations");
        stage.Kill();
        var finishedAtKill = await CountAsync<SearchCompleted>(ids);
        log.WriteLine($"generations when killed: {await CountAsync<GenerationCompleted>(ids)}; runs finished: {finishedAtKill} of {runs}");
        Assert.True(finishedAtKill < runs, "every run finished before the kill, so the crash tested nothing");

        await using var restarted = await StartSearchAsync();
        await Eventually.TrueAsync(async () => await CountAsync<SearchCompleted>(ids) == runs, TimeSpan.FromSeconds(300),
            $"all {runs} runs completed after the restart; output:\n{restarted.Output}");

        foreach (var runId in ids)
        {
            var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();
            var requests = stream.OfType<ScoreCandidates>().Select(s => s.Generation).ToList();
            Assert.Equal(requests.Distinct().Count(), requests.Count);
            var reports = stream.OfType<GenerationCompleted>().Select(g => (g.Iteration, g.Generation)).ToList();
            Assert.Equal(reports.Distinct().Count(), reports.Count);
            Assert.Single(stream.OfType<SearchCompleted>());
            var redrive = SearchRedrive.Check(stream, Spaces);
            Assert.True(redrive.Identical, $"{runId}: {redrive.Recorded}\n!=\n{redrive.Redriven}");
        }

    }

    private async Task<ChildProcess> StartSearchAsync()
    {
        var process = ChildProcess.StartDll(RepoPaths.StageDll("Stages.Search"), fixture.Environment);
        await process.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        return process;
    }

    private async Task<(Guid RunId, GraphExtracted Graph)> RecordPointSubmissionAsync(int seed)
    {
        var runId = Guid.NewGuid();
        var space = Spaces.Get("mbv3-28");
        var point = space.Repair(space.Sample(new Random(seed)));
        var cost = space.Cost(point);
        var submitted = new ModelSubmitted(runId, DateTimeOffset.UtcNow, null, new SearchSpacePoint(space.Name, point), [], ["classification"],
            [new Objective("classification", ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)], [], seed);
        var graph = new GraphExtracted(runId, new string('c', 64), 40, 39, cost.Macs, cost.Params, new Dictionary<string, int>(), "nasp", 8, 17, 1.0);
        await fixture.Writer.AppendAsync(runId, [submitted, graph]);
        return (runId, graph);
    }

    private async Task<int> CountAsync<T>(IEnumerable<Guid> runs)
    {
        var count = 0;
        foreach (var runId in runs)
        {
            count += (await fixture.Reader.EventsAsync(runId)).Count(e => e.Data is T);
        }

        return count;
    }
}
