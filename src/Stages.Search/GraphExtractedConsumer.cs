using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Search;

/// <summary>The submission's graph is ready: the search starts (NAT's loop for a point, mutation search for an ONNX network).</summary>
public sealed class GraphExtractedConsumer(SearchHandler decisions) : IConsumer<GraphExtracted>
{
    public async Task Consume(ConsumeContext<GraphExtracted> context) =>
        await context.PublishAllAsync(await decisions.HandleAsync(context.Message, $"graph/{context.Message.RunId}", context.CancellationToken));
}
