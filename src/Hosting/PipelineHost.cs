using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Messaging;

namespace NasPipeline.Hosting;

/// <summary>The one bootstrap every stage process (and the all-in-one host) goes through.</summary>
public static class PipelineHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args, params IPipelineStage[] stages)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.AddEnvironmentVariables();
        var settings = PipelineSettings.From(builder.Configuration);
        builder.Services.AddPipelineInfrastructure(settings);
        foreach (var stage in stages)
        {
            stage.Configure(builder.Configuration);
            stage.AddServices(builder.Services);
        }

        builder.Services.AddPipelineBus(settings, stages);
        return builder;
    }

    /// <summary>Runs the stages until Ctrl-C/SIGTERM; bad configuration is a one-line error and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args, params IPipelineStage[] stages)
    {
        IHost host;
        try
        {
            host = CreateBuilder(args, stages).Build();
        }
        catch (PipelineConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        await host.RunAsync();
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
