using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Adapt;

/// <summary>The stage's own events carry its work on, one step per message: started → first chunk.</summary>
public sealed class AdaptationStartedConsumer(AdaptHandler handler) : IConsumer<SupernetAdaptationStarted>
{
    public async Task Consume(ConsumeContext<SupernetAdaptationStarted> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message,
            $"started/{context.Message.RunId}/{context.Message.Iteration}/{context.Message.Task}", context.CancellationToken));
}

/// <summary>A chunk done → the next chunk, or (after the last) the first measurement.</summary>
public sealed class ChunkTrainedConsumer(AdaptHandler handler) : IConsumer<SupernetChunkTrained>
{
    public async Task Consume(ConsumeContext<SupernetChunkTrained> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message,
            $"chunk/{context.Message.RunId}/{context.Message.Iteration}/{context.Message.Task}/{context.Message.Chunk}", context.CancellationToken));
}

/// <summary>A subnet measured → the next pending one.</summary>
public sealed class MeasuredConsumer(AdaptHandler handler) : IConsumer<SubnetAdapted>
{
    public async Task Consume(ConsumeContext<SubnetAdapted> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message, $"measured/{context.Message.RequestId}", context.CancellationToken));
}

/// <summary>A network's fine-tune started → its first chunk.</summary>
public sealed class FineTuneStartedConsumer(AdaptHandler handler) : IConsumer<NetworkFineTuneStarted>
{
    public async Task Consume(ConsumeContext<NetworkFineTuneStarted> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message,
            $"finetune-started/{context.Message.RequestId}/{context.Message.Task}", context.CancellationToken));
}

/// <summary>A fine-tune chunk done → the next chunk, the next task's fine-tune, or the network's measurement.</summary>
public sealed class FineTuneChunkTrainedConsumer(AdaptHandler handler) : IConsumer<NetworkChunkTrained>
{
    public async Task Consume(ConsumeContext<NetworkChunkTrained> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message,
            $"finetune-chunk/{context.Message.RequestId}/{context.Message.Task}/{context.Message.Chunk}", context.CancellationToken));
}
