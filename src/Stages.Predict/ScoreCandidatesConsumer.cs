using MassTransit;
using NasPipeline.Contracts.Commands;
using NasPipeline.Hosting.Messaging;
using NasPipeline.Prediction;

namespace NasPipeline.Stages.Predict;

/// <summary>Search asks for predictions: the scores (and any predictor adopted or refit first) are published.</summary>
public sealed class ScoreCandidatesConsumer(PredictHandler prediction) : IConsumer<ScoreCandidates>
{
    public async Task Consume(ConsumeContext<ScoreCandidates> context) =>
        await context.PublishAllAsync(await prediction.ScoreAsync(context.Message, context.CancellationToken));
}
