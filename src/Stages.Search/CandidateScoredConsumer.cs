using MassTransit;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Search;

/// <summary>Predictions arrived: the next generation (or the end of the search) is decided.</summary>
public sealed class CandidateScoredConsumer(SearchHandler decisions) : IConsumer<CandidateScored>
{
    public async Task Consume(ConsumeContext<CandidateScored> context) =>
        await context.PublishAllAsync(await decisions.HandleAsync(context.Message, $"scored/{context.Message.RequestId}/{context.Message.Batch}", context.CancellationToken));
}
