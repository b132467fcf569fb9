using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Contracts.Validation;

namespace NasPipeline.Hosting.Messaging;

public static class BusSetup
{
    /// <summary>Redelivery in memory (Debian's RabbitMQ has no delayed-message plugin); then the run is failed
    /// (<see cref="StageFailureFilter{T}"/>) and the message goes to the _error queue.</summary>
    public static readonly TimeSpan[] RetryIntervals = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    /// <summary>
    /// A database that is restarting pauses a run rather than failing it: database errors are retried for about
    /// ten minutes before the message is given up.
    /// </summary>
    public const int DatabaseRetryLimit = 14;

    public static IServiceCollection AddPipelineBus(this IServiceCollection services, PipelineSettings settings, IReadOnlyList<IPipelineStage> stages)
    {
        services.AddContractValidators();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter("nasp", false));
            foreach (var stage in stages)
            {
                stage.AddConsumers(bus);
            }

            if (settings.RabbitMqUri is { } uri)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(uri, host => host.PublisherConfirmation = true);
                    ConfigurePipes(context, cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    ConfigurePipes(context, cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }

    private static void ConfigurePipes(IBusRegistrationContext context, IBusFactoryConfigurator cfg)
    {
        // Connected first, so outermost: it sees a failure only once both retry policies below are spent.
        _ = new StageFailureObserver(cfg, context);
        cfg.UseMessageRetry(retry =>
        {
            retry.Exponential(DatabaseRetryLimit, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));
            retry.Handle<Exception>(DatabaseOutage.Is);
        });
        cfg.UseMessageRetry(retry =>
        {
            retry.Intervals(RetryIntervals);
            retry.Ignore<Exception>(DatabaseOutage.Is);
        });
        // Publish only once the consumer has succeeded: a failed attempt leaves nothing half-sent.
        cfg.UseInMemoryOutbox(context);
        cfg.UseConsumeFilter(typeof(ValidationFilter<>), context);
    }
}
