using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Search;

/// <summary>A pseudo-label came back: once every one the run asked for is in, generation 0 is scored.</summary>
public sealed class PseudoLabelReadyConsumer(SearchHandler decisions) : IConsumer<PseudoLabelReady>
{
    public async Task Consume(ConsumeContext<PseudoLabelReady> context) =>
        await context.PublishAllAsync(await decisions.HandleAsync(context.Message, $"pseudo-label/{context.Message.RequestId}", context.CancellationToken));
}
