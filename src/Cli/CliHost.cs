using System.Data.Common;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Settings;
using NasPipeline.Hosting.Telemetry;
using NasPipeline.SupernetHosting.Tasks;
using Npgsql;

namespace NasPipeline.Cli;

/// <summary>
/// The services a CLI command needs, started and stopped around it. With a broker configured the CLI only
/// publishes; without one it runs every stage in its own process (the one-process default).
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    /// <summary>
    /// A publish still waiting this long on a bus that is not connected is waiting for the broker: say so rather than
    /// hang in silence. (Only then: scripts read the run id from the first line of the merged output.)
    /// </summary>
    private static readonly TimeSpan SlowBroker = TimeSpan.FromSeconds(5);

    private const int ConnectSeconds = 120;

    private readonly IHost _host;
    private readonly PipelineSettings _settings;

    private CliHost(IHost host, PipelineSettings settings, bool embedded)
    {
        _host = host;
        _settings = settings;
        Embedded = embedded;
    }

    public bool Embedded { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<CliHost> StartAsync(bool withBus, CancellationToken cancellationToken)
    {
        var builder = PipelineHostBuilder.Create([]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("MassTransit", LogLevel.Error);
        // Marten logs each lost optimistic-concurrency race as an error with a stack trace; RunEventWriter retries
        // those, and a real store failure reaches the command as an exception.
        builder.Logging.AddFilter("Marten", LogLevel.Critical);
        builder.Services.AddSingleton<IHostLifetime, CliHostLifetime>();
        // Submit and fork check task names against the same registry the stages use, plug-ins included.
        builder.Services.AddVisionTasks(builder.Configuration);
        var settings = PatientConnect(PipelineSettings.From(builder.Configuration));
        var embedded = withBus && settings.RabbitMqUri is null;
        // With a broker this process only publishes, so its bus carries no stage.
        IPipelineStage[]? stages = withBus ? (embedded ? AllStages.Create() : []) : null;
        // Stages apply the schema when they start, and so does this process when it runs them; a plain CLI call only
        // checks that it is there, so any number of them can run at once. A role without DDL rights only checks.
        builder.AddPipeline(settings, settings.SchemaPolicyOr(embedded ? SchemaPolicy.ApplyAtStart : SchemaPolicy.ApplyIfMissing), stages);
        // Checked before the start, so a stage's bad setting (in-process stages) is one error line, not a logged stack trace.
        var host = builder.BuildChecked();
        await SchemaPresenceCheck.RunBeforeStartAsync(host.Services, cancellationToken);
        await host.StartAsync(cancellationToken);
        return new CliHost(host, settings, embedded);
    }

    /// <summary>
    /// Records a new run's submission in its stream, then publishes it: the producer of a message appends it. When the
    /// broker never takes it, the run ends with that reason instead of showing "submitted" for ever.
    /// </summary>
    public async Task SubmitAsync(ModelSubmitted submission, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        // The root of the run's trace: every stage's spans for it descend from this one through the message headers.
        using var span = PipelineTelemetry.Start("submit", submission.RunId);
        var writer = Get<RunEventWriter>();
        await writer.StartAsync(submission.RunId, [submission], cancellationToken);
        try
        {
            await PublishAsync(submission, connectTimeout, cancellationToken);
        }
        catch (CliFailedException e)
        {
            await writer.AppendAsync(submission.RunId, [new RunFailed(submission.RunId, "submit", e.Message, DateTimeOffset.UtcNow)], CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Publishes a message, giving up after <paramref name="connectTimeout"/> when the broker does not answer (MassTransit
    /// would otherwise wait for it for ever, reconnecting in silence).
    /// </summary>
    private async Task PublishAsync<T>(T message, TimeSpan connectTimeout, CancellationToken cancellationToken) where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            var publish = Get<IPublishEndpoint>().Publish(message, timeout.Token);
            if (await Task.WhenAny(publish, Task.Delay(SlowBroker, timeout.Token)) != publish && !timeout.IsCancellationRequested
                && Get<IBusControl>().CheckHealth().Status != BusHealthStatus.Healthy)
            {
                await Console.Error.WriteLineAsync($"waiting for RabbitMQ at {BrokerShown} (up to {connectTimeout.TotalSeconds:0.#} s; Ctrl-C stops)");
            }

            // WaitAsync: the wait ends on time even if the publish does not look at its token while it reconnects.
            await publish.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !Embedded)
        {
            throw new CliFailedException(
                $"RabbitMQ at {BrokerShown} did not answer within {connectTimeout.TotalSeconds:0.#} s. Is it running? ./scripts/servers.sh start");
        }
    }

    /// <summary>
    /// Npgsql gives a connection 15 s to open. Dozens of CLI calls started at once on a small machine each get a sliver
    /// of a core, and an open that is only slow (authentication is real work) ran out of time; a stopped server is still
    /// reported at once (the connection is refused), and a timeout set in the connection string is kept.
    /// </summary>
    private static PipelineSettings PatientConnect(PipelineSettings settings)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = settings.PostgresConnectionString };
        if (new[] { "Timeout", "Connect Timeout", "Connection Timeout" }.Any(given.ContainsKey))
        {
            return settings;
        }

        return settings with { PostgresConnectionString = new NpgsqlConnectionStringBuilder(settings.PostgresConnectionString) { Timeout = ConnectSeconds }.ConnectionString };
    }

    /// <summary>The broker's address without its credentials.</summary>
    private Uri? BrokerShown => _settings.RabbitMqUri is { } uri ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri : null;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
