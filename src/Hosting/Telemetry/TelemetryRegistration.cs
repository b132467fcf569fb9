using System.Reflection;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Hosting.Settings;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NasPipeline.Hosting.Telemetry;

public static class TelemetryRegistration
{
    public const string Section = "Telemetry";

    /// <summary>
    /// OpenTelemetry traces and metrics of MassTransit, Npgsql and the pipeline's own spans, exported as
    /// <c>Telemetry__Exporter</c> says. With the default (none) the SDK is not started at all.
    /// </summary>
    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<TelemetrySettings, TelemetrySettingsValidator>(configuration, Section);
        TelemetrySettings settings;
        try
        {
            settings = SettingsSection.Bind<TelemetrySettings>(configuration, Section);
        }
        catch (PipelineConfigurationException)
        {
            // The validated settings above report it when the host is built, as for any setting.
            return services;
        }

        if (settings.Exporter == TelemetryExporter.None)
        {
            return services;
        }

        var serviceName = settings.ServiceName.Length > 0 ? settings.ServiceName : Assembly.GetEntryAssembly()?.GetName().Name ?? "nasp";
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(DiagnosticHeaders.DefaultListenerName, "Npgsql", PipelineTelemetry.SourceName);
                _ = settings.Exporter == TelemetryExporter.Console
                    ? tracing.AddConsoleExporter()
                    : tracing.AddOtlpExporter(otlp => Endpoint(otlp, settings));
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(InstrumentationOptions.MeterName, "Npgsql");
                _ = settings.Exporter == TelemetryExporter.Console
                    ? metrics.AddConsoleExporter()
                    : metrics.AddOtlpExporter(otlp => Endpoint(otlp, settings));
            });
        return services;
    }

    private static void Endpoint(OpenTelemetry.Exporter.OtlpExporterOptions otlp, TelemetrySettings settings)
    {
        if (settings.OtlpEndpoint.Length > 0)
        {
            otlp.Endpoint = new Uri(settings.OtlpEndpoint);
        }
    }
}
