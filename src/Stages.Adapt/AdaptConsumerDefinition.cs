using MassTransit;

namespace NasPipeline.Stages.Adapt;

/// <summary>The stage's consumers share one durable queue; replicas compete on it. One message at a time per process,
/// whichever consumer it is for: a chunk or a measurement already uses every core, and the cached supernet is one. The
/// limit is set on the endpoint as well as on each consumer, so that it covers the four together: a request and the
/// event of the step before it both ask for "the next pending step", and run at once they would both work it.</summary>
public sealed class AdaptConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public AdaptConsumerDefinition()
    {
        EndpointName = "nasp-adapt";
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConcurrentMessageLimit = 1;
        // A replica that holds few messages leaves the rest of the queue to the others.
        endpointConfigurator.PrefetchCount = 2;
    }
}
