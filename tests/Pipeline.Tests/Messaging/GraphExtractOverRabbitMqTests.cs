using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Projections;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Messaging;

[Collection(PipelineCollection.Name)]
public sealed class GraphExtractOverRabbitMqTests(PipelineFixture fixture) : IAsyncLifetime
{
    private ChildProcess _stage = null!;
    private TestBus _bus = null!;

    public async Task InitializeAsync()
    {
        _stage = await GraphExtractProcess.StartAsync(fixture);
        _bus = await TestBus.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _stage.DisposeAsync();
    }

    [Fact]
    public async Task Submission_published_to_RabbitMQ_is_extracted_by_the_GraphExtract_process_and_lands_in_Marten()
    {
        var submission = await Submissions.OfFileAsync(fixture.Blobs, "resnet18.onnx", "1x3x224x224");

        await _bus.PublishAsync(submission);
        var events = await WaitForEventsAsync(submission.RunId, 2);

        Assert.IsType<ModelSubmitted>(events[0]);
        var extracted = Assert.IsType<GraphExtracted>(events[1]);
        Assert.InRange(extracted.Macs, 1.81e9 * 0.99, 1.81e9 * 1.01);
        Assert.True(await fixture.Blobs.ExistsAsync(extracted.GraphBlobHash));
        var summary = await fixture.Reader.SummaryAsync(submission.RunId);
        Assert.Equal(RunStatus.GraphExtracted, summary!.Status);
        Assert.Equal(extracted.Macs, summary.Macs);
    }

    [Fact]
    public async Task Same_message_delivered_twice_gives_one_event()
    {
        var submission = await Submissions.OfFileAsync(fixture.Blobs, "mobilenet_v2.onnx", "1x3x224x224");
        var messageId = Guid.NewGuid();

        await _bus.PublishAsync(submission, messageId);
        await _bus.PublishAsync(submission, messageId);
        await WaitForEventsAsync(submission.RunId, 2);
        // The second delivery is handled too; give it time to (wrongly) append before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var events = await fixture.Reader.EventsAsync(submission.RunId);
        Assert.Equal(["ModelSubmitted", "GraphExtracted"], events.Select(e => e.Data.GetType().Name));
    }

    [Fact]
    public async Task The_stage_does_not_publish_the_submission_it_appended()
    {
        // Regression: the appended ModelSubmitted was published with the graph, came back to the stage's own queue, found
        // its marker, was published again, and circled forever (flooding the Search queue with its GraphExtracted too).
        await using var submissions = await MessageCounter<ModelSubmitted>.StartAsync();
        await using var graphs = await MessageCounter<GraphExtracted>.StartAsync();
        var submission = await Submissions.OfFileAsync(fixture.Blobs, "small_cnn_28.onnx", "1x1x28x28");

        await _bus.PublishAsync(submission);
        await WaitForEventsAsync(submission.RunId, 2);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal((1, 1), (submissions.Count(submission.RunId), graphs.Count(submission.RunId)));
    }

    [Fact]
    public async Task Corrupt_file_gives_SubmissionRejected_and_the_stage_keeps_serving()
    {
        var good = await File.ReadAllBytesAsync(RepoPaths.Fixture("resnet18.onnx"));
        var corrupt = good[..(good.Length / 3)];
        var bad = await Submissions.OfBytesAsync(fixture.Blobs, corrupt, "truncated.onnx", "1x3x224x224");
        var notOnnx = await Submissions.OfBytesAsync(fixture.Blobs, "this is a text file, not a model"u8.ToArray(), "notes.onnx", "1x3x224x224");

        await _bus.PublishAsync(bad);
        await _bus.PublishAsync(notOnnx);
        var badEvents = await WaitForEventsAsync(bad.RunId, 2);
        var notOnnxEvents = await WaitForEventsAsync(notOnnx.RunId, 2);

        var rejected = Assert.IsType<SubmissionRejected>(badEvents[1]);
        Assert.Contains("truncated.onnx", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", rejected.Reason, StringComparison.Ordinal);
        Assert.IsType<SubmissionRejected>(notOnnxEvents[1]);
        Assert.Equal(RunStatus.Rejected, (await fixture.Reader.SummaryAsync(bad.RunId))!.Status);

        var after = await Submissions.OfFileAsync(fixture.Blobs, "resnet18.onnx", "1x3x224x224");
        await _bus.PublishAsync(after);
        Assert.IsType<GraphExtracted>((await WaitForEventsAsync(after.RunId, 2))[1]);
    }

    [Fact]
    public async Task Invalid_submission_is_rejected_with_the_validators_reasons()
    {
        var valid = await Submissions.OfFileAsync(fixture.Blobs, "resnet18.onnx", "1x3x224x224");
        var invalid = valid with { Tasks = ["Not A Task"], InputShapes = ["224 by 224"] };

        await _bus.PublishAsync(invalid);
        var events = await WaitForEventsAsync(invalid.RunId, 2);

        var rejected = Assert.IsType<SubmissionRejected>(events[1]);
        Assert.Contains("Task name 'Not A Task'", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Input shape '224 by 224'", rejected.Reason, StringComparison.Ordinal);
        Assert.False(_stage.HasExited);
    }

    private async Task<IReadOnlyList<object>> WaitForEventsAsync(Guid runId, int count)
    {
        IReadOnlyList<object> events = [];
        await Eventually.TrueAsync(
            async () => (events = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList()).Count >= count,
            TimeSpan.FromSeconds(60),
            $"{count} events in run {runId}; stage output:\n{_stage.Output}");
        return events;
    }
}
