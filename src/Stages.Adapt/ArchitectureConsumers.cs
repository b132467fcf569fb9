using MassTransit;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Adapt;

/// <summary>The search asks for FNA's architecture adaptation of a submitted network: it starts.</summary>
public sealed class AdaptArchitectureConsumer(AdaptHandler handler) : IConsumer<AdaptArchitecture>
{
    public async Task Consume(ConsumeContext<AdaptArchitecture> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message, $"architecture-request/{context.Message.RequestId}", context.CancellationToken));
}

/// <summary>An architecture adaptation started → its first chunk.</summary>
public sealed class ArchitectureStartedConsumer(AdaptHandler handler) : IConsumer<ArchitectureAdaptationStarted>
{
    public async Task Consume(ConsumeContext<ArchitectureAdaptationStarted> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message, $"architecture-started/{context.Message.RequestId}", context.CancellationToken));
}

/// <summary>An architecture chunk done → the next chunk, or (after the last) the derivation.</summary>
public sealed class ArchitectureChunkTrainedConsumer(AdaptHandler handler) : IConsumer<ArchitectureChunkTrained>
{
    public async Task Consume(ConsumeContext<ArchitectureChunkTrained> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message,
            $"architecture-chunk/{context.Message.RequestId}/{context.Message.Chunk}", context.CancellationToken));
}
