using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.GraphExtract;

public sealed class ModelSubmittedConsumer(GraphExtractHandler extraction) : IConsumer<ModelSubmitted>
{
    public async Task Consume(ConsumeContext<ModelSubmitted> context) =>
        await context.PublishAllAsync(await extraction.HandleAsync(context.Message, context.CancellationToken));
}
