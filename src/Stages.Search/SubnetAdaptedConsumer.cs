using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Search;

/// <summary>A measured subnet came back from Adapt: once all of an iteration's are in, the next iteration starts.</summary>
public sealed class SubnetAdaptedConsumer(SearchHandler decisions) : IConsumer<SubnetAdapted>
{
    public async Task Consume(ConsumeContext<SubnetAdapted> context) =>
        await context.PublishAllAsync(await decisions.HandleAsync(context.Message, $"adapted/{context.Message.RequestId}", context.CancellationToken));
}
