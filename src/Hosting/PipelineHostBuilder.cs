using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Health;
using NasPipeline.Hosting.Messaging;
using NasPipeline.Hosting.Telemetry;

namespace NasPipeline.Hosting;

/// <summary>
/// The bootstrap every pipeline host shares, a stage process (<see cref="PipelineHost"/>) and the CLI alike, so the
/// two cannot drift apart in how they read configuration or wire the store, the stages and the bus.
/// </summary>
public static class PipelineHostBuilder
{
    /// <summary>A host builder whose configuration is the pipeline's: environment variables are added again, last, so
    /// they win over command-line arguments too.</summary>
    public static HostApplicationBuilder Create(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.AddEnvironmentVariables();
        return builder;
    }

    /// <summary>
    /// The store and blobs under <paramref name="schema"/>; then, when <paramref name="stages"/> is not null, each stage's
    /// own settings and services and a bus carrying their consumers (an empty list: a bus that only publishes).
    /// A stage's bad setting is found when the host is built with <see cref="Settings.CheckedHostBuild.BuildChecked"/>.
    /// </summary>
    public static HostApplicationBuilder AddPipeline(this HostApplicationBuilder builder, PipelineSettings settings, SchemaPolicy schema,
        IReadOnlyList<IPipelineStage>? stages)
    {
        builder.Services.AddPipelineInfrastructure(settings, schema);
        if (stages is null)
        {
            return builder;
        }

        foreach (var stage in stages)
        {
            stage.AddSettings(builder.Services, builder.Configuration);
            stage.AddServices(builder.Services);
            builder.Services.AddStoredDocuments(stage.StoredDocuments);
        }

        builder.Services.AddPipelineBus(settings, stages);
        builder.Services.AddPipelineHealth(builder.Configuration);
        builder.Services.AddPipelineTelemetry(builder.Configuration);
        return builder;
    }
}
