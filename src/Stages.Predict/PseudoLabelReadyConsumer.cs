using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;
using NasPipeline.Prediction;

namespace NasPipeline.Stages.Predict;

/// <summary>Pseudo-labels for a task arrived: AIO-P trains that task's K-Adapters on them.</summary>
public sealed class PseudoLabelReadyConsumer(PredictHandler prediction) : IConsumer<PseudoLabelReady>
{
    public async Task Consume(ConsumeContext<PseudoLabelReady> context) =>
        await context.PublishAllAsync(await prediction.LearnAsync(context.Message, context.Message.RequestId, context.CancellationToken));
}
