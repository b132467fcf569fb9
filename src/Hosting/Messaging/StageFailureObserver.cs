using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Hosting.Messaging;

/// <summary>
/// Puts a <see cref="StageFailureFilter{T}"/> on the pipe of every message type a stage consumes, at message level, as
/// <c>UseMessageRetry</c> puts its retry filter: configured before the retries, it wraps them. (A scoped
/// <c>UseConsumeFilter</c> would sit at consumer level, inside the retries, and fail the run at the first error.)
/// </summary>
public sealed class StageFailureObserver : ConfigurationObserver, IMessageConfigurationObserver
{
    private readonly IServiceProvider _services;

    public StageFailureObserver(IConsumePipeConfigurator configurator, IServiceProvider services)
        : base(configurator)
    {
        _services = services;
        Connect(this);
    }

    public void MessageConfigured<TMessage>(IConsumePipeConfigurator configurator)
        where TMessage : class =>
        configurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TMessage>>(new StageFailureFilter<TMessage>(
            _services.GetRequiredService<RunEventWriter>(),
            _services.GetRequiredService<RunReader>(),
            _services.GetRequiredService<ILoggerFactory>().CreateLogger<StageFailureFilter<TMessage>>())));
}
