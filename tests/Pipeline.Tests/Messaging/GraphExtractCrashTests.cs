using NasPipeline.Contracts.Events;
using NasPipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NasPipeline.Tests.Messaging;

[Collection(PipelineCollection.Name)]
public sealed class GraphExtractCrashTests(PipelineFixture fixture, ITestOutputHelper log)
{
    [Fact]
    public async Task GraphExtract_killed_while_handling_messages_loses_nothing_once_restarted()
    {
        const int warmUp = 2;
        const int submissions = 30;
        // Disposed (killed) however the test ends: a stage left running would take the next test's messages.
        await using var stage = await GraphExtractProcess.StartAsync(fixture);
        await using var bus = await TestBus.StartAsync();
        var runs = new List<Guid>();
        var pending = new List<ModelSubmitted>();
        for (var i = 0; i < submissions; i++)
        {
            var submission = await Submissions.OfFileAsync(fixture.Blobs, "resnet50.onnx", "1x3x224x224");
            runs.Add(submission.RunId);
            pending.Add(submission);
        }

        // The first runs are handled before the burst, so the stage is warm and consuming when the rest arrive.
        foreach (var submission in pending.Take(warmUp))
        {
            await bus.PublishAsync(submission);
        }

        await Eventually.TrueAsync(async () => await CountFinishedAsync(runs) == warmUp, TimeSpan.FromSeconds(90), "the first runs to finish");

        // The kill comes while the stage works through a burst (its first run has finished), and one more submission is
        // queued while the stage is frozen (SIGSTOP), so the crash always leaves work undone. Two earlier shapes raced a
        // fast stage: killing once a poll had seen two runs finish let a slow poll outlast the whole queue, and killing
        // right after the broker confirmed one more submission still let an idle stage extract it before SIGKILL landed
        // (CI: 30 of 30 finished at the kill).
        var burst = pending.Skip(warmUp).SkipLast(1).ToList();
        await Task.WhenAll(burst.Select(submission => bus.PublishAsync(submission)));
        await Eventually.TrueAsync(async () => await IsFinishedAsync(burst[0].RunId), TimeSpan.FromSeconds(90), "the burst's first run to finish");
        await stage.FreezeAsync();
        await bus.PublishAsync(pending[^1]);
        stage.Kill();
        var finishedAtKill = await CountFinishedAsync(runs);
        log.WriteLine($"finished when killed: {finishedAtKill} of {submissions}");
        Assert.InRange(finishedAtKill, warmUp + 1, submissions - 1);

        await using var restarted = await GraphExtractProcess.StartAsync(fixture);
        await Eventually.TrueAsync(async () => await CountFinishedAsync(runs) == submissions, TimeSpan.FromSeconds(180),
            $"all {submissions} runs after the restart; output:\n{restarted.Output}");

        foreach (var runId in runs)
        {
            var types = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data.GetType().Name);
            Assert.Equal([nameof(ModelSubmitted), nameof(GraphExtracted)], types);
        }
    }

    private async Task<int> CountFinishedAsync(IEnumerable<Guid> runs)
    {
        var finished = 0;
        foreach (var runId in runs)
        {
            if (await IsFinishedAsync(runId))
            {
                finished++;
            }
        }

        return finished;
    }

    private async Task<bool> IsFinishedAsync(Guid runId) =>
        (await fixture.Reader.EventsAsync(runId)).Any(e => e.Data is GraphExtracted);
}
