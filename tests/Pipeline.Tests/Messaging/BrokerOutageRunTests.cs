using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Models;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Predict;
using Xunit.Abstractions;

namespace NasPipeline.Tests.Messaging;

/// <summary>
/// RabbitMQ down for a minute while mutation and point runs are half done (each waiting on its first scores in Predict's
/// durable queue), every stage its own process: nothing a stage decided may be lost or doubled, so every run completes
/// and re-drives to the same decisions and scores.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class BrokerOutageRunTests(PipelineFixture fixture, ITestOutputHelper log)
{
    private const int RunsOfEachKind = 8;
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();

    [Fact]
    public async Task Broker_down_for_a_minute_mid_run_every_mutation_and_point_run_completes_and_redrives_identically()
    {
        var task = $"outage-{Guid.NewGuid():N}"[..20];
        await new PredictTestKit(fixture).RegisterGnnAsync(task);
        foreach (var queue in new[] { "nasp-graph-extract", "nasp-search", "nasp-predict" })
        {
            await StageQueues.PurgeAsync(queue);
        }

        await using var extract = await GraphExtractProcess.StartAsync(fixture);
        await using var search = await StartAsync("Stages.Search");

        // Predict declares its queue and bindings, then stops: every run then waits on its first ScoreCandidates in the
        // durable queue, so the outage meets all 16 runs half done whatever the machine's speed (with Predict running,
        // 16 small runs can finish in the seconds between two polls, and the outage then tested nothing).
        await (await StartAsync("Stages.Predict")).DisposeAsync();
        var submissions = new List<ModelSubmitted>();
        await using (var bus = await TestBus.StartAsync())
        {
            for (var i = 0; i < RunsOfEachKind; i++)
            {
                submissions.Add(await MutationRunAsync(task, seed: 30 + i));
                submissions.Add(PointRun(task, seed: 50 + i));
            }

            foreach (var submission in submissions)
            {
                // The producer's rule: the run's stream starts with the submission before it is published.
                await fixture.Writer.StartAsync(submission.RunId, [submission]);
                await bus.PublishAsync(submission);
            }
        }

        var ids = submissions.Select(s => s.RunId).ToList();
        await Eventually.TrueAsync(async () => await RunsWithAsync<ScoreCandidates>(ids) == ids.Count, TimeSpan.FromSeconds(180),
            $"every run waiting on its first scores; search:\n{search.Output}");
        Assert.Equal(0, await CountAsync<SearchCompleted>(ids));
        await ServerControl.DownAsync("rabbitmq");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(60));
            Assert.False(search.HasExited || extract.HasExited, $"a stage died with the broker:\n{search.Output}\n{extract.Output}");
        }
        finally
        {
            await ServerControl.UpAsync("rabbitmq");
        }

        await using var predict = await StartAsync("Stages.Predict");
        await Eventually.TrueAsync(async () => await CountAsync<SearchCompleted>(ids) == ids.Count, TimeSpan.FromSeconds(300),
            $"all {ids.Count} runs completed after the outage; search:\n{search.Output}\npredict:\n{predict.Output}");
        log.WriteLine($"runs completed after the outage: {ids.Count}; scores: {await CountAsync<CandidateScored>(ids)}");

        using var models = new ModelCache(fixture.Blobs);
        var rescoring = new PredictionRedrive(models, new CandidateResolver(Spaces, fixture.Blobs, new OnnxGraphExtractor()));
        foreach (var submission in submissions)
        {
            var stream = (await fixture.Reader.EventsAsync(submission.RunId)).Select(e => e.Data).ToList();
            Assert.Single(stream.OfType<SearchCompleted>());
            Assert.Empty(stream.OfType<RunFailed>());
            var onnx = submission.Onnx is { } model ? await fixture.Blobs.GetAsync(model.BlobHash) : null;
            var redrive = SearchRedrive.Check(stream, Spaces, onnx);
            Assert.True(redrive.Identical, $"{submission.RunId}: decision {redrive.FirstMismatch}: {redrive.Recorded}\n!=\n{redrive.Redriven}");
            var rescored = await rescoring.CheckAsync(stream, default);
            Assert.True(rescored.Identical, $"{submission.RunId}: {rescored.FirstMismatch}");
            Assert.True(rescored.Candidates > 0, $"{submission.RunId}: no score was re-scored");
        }
    }

    private async Task<ModelSubmitted> MutationRunAsync(string task, int seed)
    {
        var submission = await Submissions.OfFileAsync(fixture.Blobs, "small_cnn_28.onnx", "1x1x28x28");
        return submission with
        {
            Tasks = [task],
            Objectives = [new Objective(task, ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)],
            Constraints = [],
            Seed = seed,
            Budget = new SearchBudget(Population: 6, Generations: 6),
        };
    }

    private static ModelSubmitted PointRun(string task, int seed)
    {
        var space = Spaces.Get("mbv3-28");
        var point = space.Repair(space.Sample(new Random(seed)));
        return new ModelSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, null, new SearchSpacePoint(space.Name, point), [], [task],
            [new Objective(task, ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)], [], seed,
            new SearchBudget(Population: 8, Generations: 6, Iterations: 1, AdaptPerIteration: 0, InitialSamples: 4));
    }

    private Task<ChildProcess> StartAsync(string stage) => StageProcess.StartAsync(stage, fixture.Environment);

    private async Task<int> RunsWithAsync<T>(IEnumerable<Guid> runs)
    {
        var count = 0;
        foreach (var runId in runs)
        {
            count += (await fixture.Reader.EventsAsync(runId)).Any(e => e.Data is T) ? 1 : 0;
        }

        return count;
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
