using MassTransit;
using Microsoft.Extensions.Logging;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Projections;

namespace NasPipeline.Hosting.Messaging;

/// <summary>
/// The outermost filter of every stage's consume pipe (<see cref="StageFailureObserver"/>). When a run's message still
/// fails once the retry policies are spent, the run's stream gets a <see cref="RunFailed"/> naming the stage and the
/// reason, so the run ends instead of showing its last status forever; the message still goes on to the <c>_error</c>
/// queue for inspection. A run that had already ended is left as it was. <see cref="StageFailure.EndsTheRun"/> says
/// which failures do not end a run.
/// </summary>
public sealed class StageFailureFilter<T>(RunEventWriter writer, RunReader reader, ILogger logger)
    : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception e) when (context.Message is IRunMessage { RunId: var runId } && runId != Guid.Empty
                                  && StageFailure.EndsTheRun(e, context.CancellationToken.IsCancellationRequested))
        {
            await RecordAsync(context, runId, e);
            throw;
        }
    }

    private async Task RecordAsync(ConsumeContext<T> context, Guid runId, Exception failure)
    {
        var stage = StageFailure.StageOf(context.ReceiveContext.InputAddress);
        try
        {
            if (await reader.SummaryAsync(runId) is { } summary && summary.Status.IsFinal())
            {
                logger.LogWarning(failure, "{Stage} failed on {MessageType} of run {RunId}, which had already ended ({Status})",
                    stage, typeof(T).Name, runId, summary.Status.ToDisplay());
                return;
            }

            var failed = new RunFailed(runId, stage, StageFailure.Reason(failure), DateTimeOffset.UtcNow);
            // A submission published straight to the bus has no stream yet: it opens the stream, as a rejection would.
            var stored = await writer.DecideOnceAsync(runId, $"failed/{stage}/{context.MessageId ?? NewId.NextGuid()}", RunFold.Nothing,
                (_, _) => Task.FromResult<IReadOnlyList<IRunMessage>>([failed]), CancellationToken.None, context.Message as ModelSubmitted);
            await context.PublishAllAsync(stored);
            logger.LogError(failure, "{Stage} failed on {MessageType} of run {RunId}; recorded RunFailed", stage, typeof(T).Name, runId);
        }
        catch (Exception recording)
        {
            logger.LogError(recording, "{Stage} failed on {MessageType} of run {RunId} ({Reason}) and could not record it",
                stage, typeof(T).Name, runId, failure.Message);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("stage-failure");
}
