using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Search;

/// <summary>FNA derived a network from the submitted one: it and the original go to be fine-tuned and measured.</summary>
public sealed class ArchitectureDerivedConsumer(SearchHandler decisions) : IConsumer<ArchitectureDerived>
{
    public async Task Consume(ConsumeContext<ArchitectureDerived> context) =>
        await context.PublishAllAsync(await decisions.HandleAsync(context.Message, $"derived/{context.Message.RequestId}", context.CancellationToken));
}
