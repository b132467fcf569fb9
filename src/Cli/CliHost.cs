using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NasPipeline.Hosting;

namespace NasPipeline.Cli;

/// <summary>
/// The services a CLI command needs, started and stopped around it. With a broker configured the CLI only
/// publishes; without one it runs every stage in its own process (the one-process default).
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;

    private CliHost(IHost host, bool embedded)
    {
        _host = host;
        Embedded = embedded;
    }

    public bool Embedded { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<CliHost> StartAsync(bool withBus, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("MassTransit", LogLevel.Error);
        // Marten logs each lost optimistic-concurrency race as an error with a stack trace; RunEventWriter retries
        // those, and a real store failure reaches the command as an exception.
        builder.Logging.AddFilter("Marten", LogLevel.Critical);
        var settings = PipelineSettings.From(builder.Configuration);
        var embedded = withBus && settings.RabbitMqUri is null;
        if (withBus)
        {
            IPipelineStage[] stages = embedded ? AllStages.Create() : [];
            foreach (var stage in stages)
            {
                stage.Configure(builder.Configuration);
                stage.AddServices(builder.Services);
            }

            builder.Services.AddPipelineInfrastructure(settings);
            NasPipeline.Hosting.Messaging.BusSetup.AddPipelineBus(builder.Services, settings, stages);
        }
        else
        {
            builder.Services.AddPipelineInfrastructure(settings);
        }

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new CliHost(host, embedded);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
