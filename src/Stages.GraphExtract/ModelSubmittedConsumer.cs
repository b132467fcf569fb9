using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.GraphExtract;

/// <summary>Publishes what the extraction decided, never the submission it appended: that would come back to this
/// queue, find its marker, be published again, and circle forever.</summary>
public sealed class ModelSubmittedConsumer(GraphExtraction extraction) : IConsumer<ModelSubmitted>
{
    public async Task Consume(ConsumeContext<ModelSubmitted> context) =>
        await context.PublishAllAsync((await extraction.HandleAsync(context.Message, context.CancellationToken)).Where(e => e is not ModelSubmitted));
}
