using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Settings;

namespace NasPipeline.Hosting;

/// <summary>The host of every stage process (and the all-in-one host): <see cref="PipelineHostBuilder"/> with the stages
/// and the schema applied at start.</summary>
public static class PipelineHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args, params IPipelineStage[] stages)
    {
        var builder = PipelineHostBuilder.Create(args);
        var settings = PipelineSettings.From(builder.Configuration);
        return builder.AddPipeline(settings, settings.SchemaPolicyOr(SchemaPolicy.ApplyAtStart), stages);
    }

    /// <summary>Runs the stages until Ctrl-C/SIGTERM; bad configuration is a one-line error and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args, params IPipelineStage[] stages)
    {
        IHost host;
        try
        {
            host = CreateBuilder(args, stages).BuildChecked();
        }
        catch (PipelineConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        try
        {
            await SchemaPresenceCheck.RunBeforeStartAsync(host.Services, CancellationToken.None);
            await host.RunAsync();
        }
        catch (PipelineConfigurationException e)
        {
            // Found while starting (a schema not migrated for a role that may not migrate it): the remedy, not a stack trace.
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        return 0;
    }

    /// <summary>Store and blobs without a bus: what read-only tools need.</summary>
    public static IServiceCollection AddPipelineInfrastructure(this IServiceCollection services, PipelineSettings settings,
        SchemaPolicy schema = SchemaPolicy.ApplyAtStart)
    {
        services.AddSingleton(settings);
        services.AddSingleton(_ => NpgsqlDataSource.Create(settings.PostgresConnectionString));
        services.AddSingleton<IBlobStore>(sp => new PostgresBlobStore(sp.GetRequiredService<NpgsqlDataSource>(), settings.Schema));
        services.AddPipelineEventStore(settings, schema);
        return services;
    }
}
