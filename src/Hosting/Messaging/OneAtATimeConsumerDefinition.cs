using MassTransit;

namespace NasPipeline.Hosting.Messaging;

/// <summary>A stage whose consumers share one durable queue, on which replicas compete, and take one message at a time
/// per process, whichever consumer it is for: each step already uses every core, and the stage caches one model. The
/// limit is set on the endpoint as well as on each consumer, so that it covers them together: a request and the event
/// of the step before it both ask for "the next pending step", and run at once they would both work it.</summary>
public abstract class OneAtATimeConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected OneAtATimeConsumerDefinition(string endpointName)
    {
        EndpointName = endpointName;
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
