using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NasPipeline.Tests.Adapt;

/// <summary>The Adapt stage as its own process over RabbitMQ: killed (SIGKILL) mid-adaptation and restarted, it
/// resumes from the last stored chunk and ends with the very weights an uninterrupted run of the same seed gets.</summary>
[Collection(PipelineCollection.Name)]
public sealed class AdaptCrashTests(PipelineFixture fixture, ITestOutputHelper log)
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");

    /// <summary>A budget that trains in seconds: 16 steps of 32 images in 8 chunks; a default supernet of 2 sandwich steps.</summary>
    private static readonly Dictionary<string, string> Budget = new()
    {
        ["Adapt__TrainImages"] = "512",
        ["Adapt__BatchSize"] = "32",
        ["Adapt__ChunkSteps"] = "2",
        ["Adapt__EvaluationImages"] = "256",
        ["Adapt__DefaultSupernetImages"] = "256",
        // Other test assemblies may run beside this one: one libtorch thread never outnumbers the cores.
        ["Adapt__Threads"] = "1",
    };

    [Fact]
    public async Task Adapt_killed_mid_adaptation_resumes_from_its_last_chunk_and_ends_as_an_uninterrupted_run_does()
    {
        await StageQueues.PurgeAsync("nasp-adapt");
        await using var bus = await TestBus.StartAsync();
        var control = await RecordRunAsync(seed: 41);
        var crashed = await RecordRunAsync(seed: 41);

        await using (var stage = await StageProcess.StartAsync("Stages.Adapt", fixture.Environment, Budget))
        {
            await PublishRequestsAsync(bus, control);
            await Eventually.TrueAsync(async () => await CountAsync<SubnetAdapted>(control.RunId) == 2, TimeSpan.FromSeconds(600),
                $"the control run measured both subnets; output:\n{stage.Output}");
            // One message at a time: no chunk and no measurement is worked twice, though the requests and the stage's
            // own events both ask for the next step.
            // The stage logs a measurement before appending it, but its console logger writes on a background thread and
            // the pipe is read asynchronously: the second line can reach stage.Output after the event reaches the database.
            List<string> ControlLines() => stage.Output.Split('\n').Where(l => l.Contains(control.RunId.ToString(), StringComparison.Ordinal)).ToList();
            await Eventually.TrueAsync(() => System.Threading.Tasks.Task.FromResult(ControlLines().Count(l => l.Contains(": measured ", StringComparison.Ordinal)) >= 2),
                TimeSpan.FromSeconds(30), $"the control run's two measurement lines in the stage's output:\n{stage.Output}");
            var controlLines = ControlLines();
            Assert.Equal(8, controlLines.Count(l => l.Contains(" chunk ", StringComparison.Ordinal)));
            Assert.Equal(2, controlLines.Count(l => l.Contains(": measured ", StringComparison.Ordinal)));
            await PublishRequestsAsync(bus, crashed);
            await Eventually.TrueAsync(async () => await CountAsync<SupernetChunkTrained>(crashed.RunId) >= 3, TimeSpan.FromSeconds(300),
                "a few chunks of the second run");
            stage.Kill();
        }

        var chunksAtKill = await CountAsync<SupernetChunkTrained>(crashed.RunId);
        log.WriteLine($"chunks when killed: {chunksAtKill} of 8");
        Assert.True(await CountAsync<SubnetAdapted>(crashed.RunId) == 0, "the run was measured before the kill, so the crash tested nothing");

        await using (var restarted = await StageProcess.StartAsync("Stages.Adapt", fixture.Environment, Budget))
        {
            await Eventually.TrueAsync(async () => await CountAsync<SubnetAdapted>(crashed.RunId) == 2, TimeSpan.FromSeconds(600),
                $"both subnets measured after the restart; output:\n{restarted.Output}");
        }

        var expected = await EventsAsync(control.RunId);
        var actual = await EventsAsync(crashed.RunId);
        Assert.Equal(Enumerable.Range(0, 8), actual.OfType<SupernetChunkTrained>().Select(c => c.Chunk));
        Assert.Single(actual.OfType<SupernetAdaptationStarted>());
        var adapted = Assert.Single(actual.OfType<SupernetAdapted>());
        Assert.Equal(Assert.Single(expected.OfType<SupernetAdapted>()).CheckpointBlobHash, adapted.CheckpointBlobHash);
        Assert.Equal(
            expected.OfType<SupernetChunkTrained>().Select(c => c.StateBlobHash),
            actual.OfType<SupernetChunkTrained>().Select(c => c.StateBlobHash));
        Assert.Equal(
            expected.OfType<SubnetAdapted>().Select(s => (s.Candidate, s.Metrics["classification"])),
            actual.OfType<SubnetAdapted>().Select(s => (s.Candidate, s.Metrics["classification"])));
        Assert.All(actual.OfType<SubnetAdapted>(), s => Assert.InRange(s.Metrics["classification"], 0.0, 1.0));
        Assert.Empty(actual.OfType<RunFailed>());
    }

    /// <summary>A run as the Search stage leaves it when it asks for adaptation: the archive of a generation, then two requests.</summary>
    private async Task<(Guid RunId, IReadOnlyList<AdaptSubnet> Requests)> RecordRunAsync(int seed)
    {
        var runId = Guid.NewGuid();
        var random = new Random(seed);
        var archive = Enumerable.Range(0, 12).Select(_ => CandidateCodec.Encode(Space.Name, Space.Repair(Space.Sample(random)))).Distinct().ToList();
        var submitted = new ModelSubmitted(runId, DateTimeOffset.UtcNow, null, new SearchSpacePoint(Space.Name, Space.Smallest), [], ["classification"],
            [new Objective("classification", ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)], [], seed);
        var generation = new GenerationCompleted(runId, 0, 0, [], 0, seed, new SelectedPopulation(archive, archive, [], null));
        var requests = archive.Take(2)
            .Select((c, i) => new AdaptSubnet(runId, Guid.CreateVersion7(), 0, Candidate.Point(c), ["classification"], seed))
            .ToList();
        await fixture.Writer.AppendAsync(runId, [submitted, generation, .. requests]);
        return (runId, requests);
    }

    private static async Task PublishRequestsAsync(TestBus bus, (Guid RunId, IReadOnlyList<AdaptSubnet> Requests) run)
    {
        foreach (var request in run.Requests)
        {
            await bus.PublishAsync(request);
        }
    }

    private async Task<List<IRunMessage>> EventsAsync(Guid runId) =>
        (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).OfType<IRunMessage>().ToList();

    private async Task<int> CountAsync<T>(Guid runId) => (await EventsAsync(runId)).Count(e => e is T);
}
