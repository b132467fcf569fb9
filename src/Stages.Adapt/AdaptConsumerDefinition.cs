using MassTransit;

namespace NasPipeline.Stages.Adapt;

/// <summary>The stage's consumers share one durable queue; replicas compete on it. One message at a time per process:
/// a chunk already uses every core, and the cached supernet is one.</summary>
public sealed class AdaptConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public AdaptConsumerDefinition()
    {
        EndpointName = "nasp-adapt";
        ConcurrentMessageLimit = 1;
    }
}
