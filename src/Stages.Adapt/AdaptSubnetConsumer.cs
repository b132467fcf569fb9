using MassTransit;
using NasPipeline.Contracts.Commands;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Adapt;

/// <summary>The search asks for a subnet to be adapted and measured: the first request of an iteration starts its adaptation.</summary>
public sealed class AdaptSubnetConsumer(AdaptHandler handler) : IConsumer<AdaptSubnet>
{
    public async Task Consume(ConsumeContext<AdaptSubnet> context) =>
        await context.PublishAllAsync(await handler.HandleAsync(context.Message, $"request/{context.Message.RequestId}", context.CancellationToken));
}
