using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;
using NasPipeline.Prediction;

namespace NasPipeline.Stages.Predict;

/// <summary>An adapted subnet's measured metrics are labels: NAT refits its ensemble on them.</summary>
public sealed class SubnetAdaptedConsumer(PredictHandler prediction) : IConsumer<SubnetAdapted>
{
    public async Task Consume(ConsumeContext<SubnetAdapted> context) =>
        await context.PublishAllAsync(await prediction.LearnAsync(context.Message, context.Message.RequestId, context.CancellationToken));
}
