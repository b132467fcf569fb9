using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Messaging;
using NasPipeline.Hosting.Projections;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Failures;

/// <summary>The pipeline's own bus setup (PipelineHost) around a test stage that always throws, over RabbitMQ.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RetryThenFailTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_run_is_failed_once_the_retry_policy_is_spent_not_at_the_first_error()
    {
        var runId = Guid.NewGuid();
        await fixture.Writer.AppendAsync(runId, [new ModelSubmitted(runId, DateTimeOffset.UtcNow, null, new SearchSpacePoint("mbv3-28", [0]), [],
            ["classification"], [], [], 1)]);
        var builder = PipelineHost.CreateBuilder(
            [
                $"--ConnectionStrings:Postgres={TestServers.Postgres}", $"--RabbitMq:Uri={TestServers.RabbitMq}", $"--Pipeline:Schema={fixture.Schema}",
            ],
            new AlwaysFailingStage());
        // Publish only once the test stage's queue is bound, or the probe would find no queue to land in.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<IBus>().Publish(new FailureProbe(runId));

            await Eventually.TrueAsync(async () => (await fixture.Reader.EventsAsync(runId)).Any(e => e.Data is RunFailed),
                TimeSpan.FromSeconds(60), $"RunFailed after {AlwaysFailingStage.Attempts.GetValueOrDefault(runId)} attempts");
            // RunFailed can only be written after the last attempt threw: the filter sits outside both retry policies.
            Assert.Equal(1 + BusSetup.RetryIntervals.Length, AlwaysFailingStage.Attempts[runId]);
            var failed = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).OfType<RunFailed>().Single();
            Assert.Equal("always-failing", failed.Stage);
            Assert.Equal($"InvalidOperationException: attempt {1 + BusSetup.RetryIntervals.Length} failed on purpose", failed.Reason);
            Assert.Equal(RunStatus.Failed, (await fixture.Reader.SummaryAsync(runId))!.Status);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
