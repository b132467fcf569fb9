using MassTransit;

namespace NasPipeline.Stages.Predict;

/// <summary>The stage's consumers share one durable queue; replicas compete on it. Two messages of one run racing are
/// settled by the stream's optimistic concurrency (the loser re-folds: a refit the winner made is not made twice).</summary>
public sealed class PredictConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public PredictConsumerDefinition()
    {
        EndpointName = "nasp-predict";
        // Scoring and refits are CPU-bound (libtorch, the RBF solver): more at once only slows each down.
        ConcurrentMessageLimit = Math.Max(1, Environment.ProcessorCount / 2);
    }
}
