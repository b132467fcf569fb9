using System.Text;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Hosting.Projections;
using NasPipeline.Tests.Infrastructure;
using RabbitMQ.Client;

namespace NasPipeline.Tests.Validation;

/// <summary>Submissions with missing or null members published by other clients, to the GraphExtract stage's process.</summary>
[Collection(PipelineCollection.Name)]
public sealed class BareSubmissionTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_bare_submission_becomes_a_rejection_instead_of_crashing_the_validator_into_the_error_queue()
    {
        await using var stage = await GraphExtractProcess.StartAsync(fixture);
        var runId = Guid.NewGuid();

        // What a client that is not .NET might send: a MassTransit envelope whose message has nothing but a run id.
        await SendRawAsync("nasp-graph-extract",
            $$$"""{"messageId":"{{{Guid.NewGuid()}}}","messageType":["urn:message:NasPipeline.Contracts.Events:ModelSubmitted"],"message":{"runId":"{{{runId}}}"}}""");

        var rejected = await RejectionAsync(runId, stage);
        Assert.Equal(("validation", "InvalidSubmission"), (rejected.Stage, rejected.Kind));
        Assert.Contains("Give exactly one model", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Name at least one task", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Rejected, (await fixture.Reader.SummaryAsync(runId))!.Status);
        Assert.False(stage.HasExited, stage.Output);
    }

    [Fact]
    public async Task A_submission_with_null_lists_and_null_elements_becomes_a_rejection()
    {
        await using var stage = await GraphExtractProcess.StartAsync(fixture);
        await using var bus = await TestBus.StartAsync();
        var runId = Guid.NewGuid();
        var nulls = new ModelSubmitted(runId, DateTimeOffset.UtcNow, null, new SearchSpacePoint(null!, null!), null!, [null!, "classification"],
            [null!, new Objective(null!, ObjectiveDirection.Maximize)], [null!, new Constraint(null!, ConstraintOperator.AtMost, 0.5, true)], 1);

        await bus.PublishAsync(nulls);

        var rejected = await RejectionAsync(runId, stage);
        Assert.Contains("An objective is missing (null).", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("A constraint is missing (null).", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("The search-space point must name its space.", rejected.Reason, StringComparison.Ordinal);
        var summary = (await fixture.Reader.SummaryAsync(runId))!;
        Assert.Equal(RunStatus.Rejected, summary.Status);
        Assert.Equal(["?", "max "], summary.Objectives);
    }

    private async Task<SubmissionRejected> RejectionAsync(Guid runId, ChildProcess stage)
    {
        await Eventually.TrueAsync(async () => (await fixture.Reader.EventsAsync(runId)).Any(e => e.Data is SubmissionRejected),
            TimeSpan.FromSeconds(60), $"SubmissionRejected for run {runId}; stage output:\n{stage.Output}");
        var events = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();
        Assert.IsType<ModelSubmitted>(events[0]);
        Assert.DoesNotContain(events, e => e is RunFailed or GraphExtracted);
        return events.OfType<SubmissionRejected>().Single();
    }

    private static async Task SendRawAsync(string queue, string body)
    {
        var factory = new ConnectionFactory { Uri = TestServers.RabbitMq };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync("", queue, true, properties, Encoding.UTF8.GetBytes(body));
    }
}
