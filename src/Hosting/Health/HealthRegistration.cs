using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NasPipeline.Hosting.Settings;

namespace NasPipeline.Hosting.Health;

public static class HealthRegistration
{
    public const string Section = "Health";

    /// <summary>
    /// The database check beside the bus check MassTransit registers, and, when <c>Health__File</c> is set, the probe
    /// file that exposes both to an orchestrator.
    /// </summary>
    public static IServiceCollection AddPipelineHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name);
        services.AddValidatedSettings<HealthProbeSettings, HealthProbeSettingsValidator>(configuration, Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<HealthProbeService>();
        return services;
    }
}
