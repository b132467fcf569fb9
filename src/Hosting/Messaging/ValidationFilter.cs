using FluentValidation;
using MassTransit;
using Microsoft.Extensions.Logging;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Hosting.Messaging;

/// <summary>
/// Runs the message's FluentValidation validator before any consumer sees it. An invalid submission becomes a
/// recorded <see cref="SubmissionRejected"/>, any other invalid run message a <see cref="RunFailed"/>; the consumer
/// is skipped and the stage keeps serving.
/// </summary>
public sealed class ValidationFilter<T>(IEnumerable<IValidator<T>> validators, RunEventWriter writer, ILogger<ValidationFilter<T>> logger)
    : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var failures = new List<string>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(context.Message, context.CancellationToken);
            failures.AddRange(result.Errors.Select(e => e.ErrorMessage));
        }

        if (failures.Count == 0)
        {
            await next.Send(context);
            return;
        }

        var reason = string.Join(" ", failures.Distinct());
        logger.LogWarning("Rejected {MessageType}: {Reason}", typeof(T).Name, reason);
        if (context.Message is not IRunMessage { RunId: var runId } || runId == Guid.Empty)
        {
            // Without a run there is no stream to record in: the log line above is the record.
            return;
        }

        var key = $"validation/{typeof(T).Name}/{context.MessageId ?? NewId.NextGuid()}";
        // A new run's stream starts with what was submitted, so the rejection can be read next to its cause.
        var stored = await writer.DecideOnceAsync(runId, key, RunFold.Nothing,
            (_, _) => Task.FromResult(Rejection(context.Message, runId, reason)), context.CancellationToken, context.Message as ModelSubmitted);
        await context.PublishAllAsync(stored);
    }

    private static IReadOnlyList<IRunMessage> Rejection(T message, Guid runId, string reason) => message is ModelSubmitted
        ? [new SubmissionRejected(runId, "validation", "InvalidSubmission", reason, DateTimeOffset.UtcNow)]
        : [new RunFailed(runId, "validation", $"Invalid {typeof(T).Name}: {reason}", DateTimeOffset.UtcNow)];

    public void Probe(ProbeContext context) => context.CreateFilterScope("validation");
}
