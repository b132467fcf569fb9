using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.PseudoLabel;

/// <summary>The search asks for a network's pseudo-label: the first request of a task trains its shared head.</summary>
public sealed class PseudoLabelRequestedConsumer(PseudoLabelHandler handler) : IConsumer<PseudoLabelRequested>
{
    public async Task Consume(ConsumeContext<PseudoLabelRequested> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message, $"request/{context.Message.RequestId}", context.CancellationToken));
}

/// <summary>A shared head stored → the first label of its task.</summary>
public sealed class SharedHeadTrainedConsumer(PseudoLabelHandler handler) : IConsumer<SharedHeadTrained>
{
    public async Task Consume(ConsumeContext<SharedHeadTrained> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message, $"head/{context.Message.RunId}/{context.Message.Task}", context.CancellationToken));
}

/// <summary>A label done → the next pending one.</summary>
public sealed class LabelledConsumer(PseudoLabelHandler handler) : IConsumer<PseudoLabelReady>
{
    public async Task Consume(ConsumeContext<PseudoLabelReady> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message, $"labelled/{context.Message.RequestId}", context.CancellationToken));
}

/// <summary>The PseudoLabel stage's queue, one message at a time per process.</summary>
public sealed class PseudoLabelConsumerDefinition<TConsumer>() : OneAtATimeConsumerDefinition<TConsumer>("nasp-pseudo-label")
    where TConsumer : class, IConsumer;
