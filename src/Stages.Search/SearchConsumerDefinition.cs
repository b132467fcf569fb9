using MassTransit;

namespace NasPipeline.Stages.Search;

/// <summary>All of the search's consumers share the stage's durable queue; replicas compete on it. Two messages of
/// one run racing are settled by the stream's optimistic concurrency (the loser re-folds and re-decides).</summary>
public sealed class SearchConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public SearchConsumerDefinition()
    {
        EndpointName = "nasp-search";
        ConcurrentMessageLimit = Environment.ProcessorCount;
    }
}
