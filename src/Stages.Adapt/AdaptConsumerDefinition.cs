using MassTransit;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Stages.Adapt;

/// <summary>The Adapt stage's queue, one message at a time per process.</summary>
public sealed class AdaptConsumerDefinition<TConsumer>() : OneAtATimeConsumerDefinition<TConsumer>("nasp-adapt")
    where TConsumer : class, IConsumer;
