using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Search;

/// <summary>A search-space point's graph is ready: the search starts (an ONNX submission is left to mutation search).</summary>
public sealed class GraphExtractedConsumer(SearchDecisions decisions) : IConsumer<GraphExtracted>
{
    public async Task Consume(ConsumeContext<GraphExtracted> context) =>
        await context.PublishAllAsync(await decisions.HandleAsync(context.Message, $"graph/{context.Message.RunId}", context.CancellationToken));
}
