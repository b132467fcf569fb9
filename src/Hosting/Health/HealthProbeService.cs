using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NasPipeline.Hosting.Health;

/// <summary>Runs the host's health checks every interval and keeps the probe file in step; the file goes when the stage stops.</summary>
public sealed partial class HealthProbeService(HealthCheckService checks, HealthProbeSettings settings, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<HealthProbeService> logger) : BackgroundService
{
    private HealthStatus? _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.File.Length == 0)
        {
            return;
        }

        // The bus reports "not started" until the host has started every service: checking earlier only logs a failure.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var file = new HealthProbeFile(settings.File);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.IntervalSeconds), clock);
        try
        {
            do
            {
                var report = await checks.CheckHealthAsync(stoppingToken);
                file.Record(report);
                if (report.Status != _last)
                {
                    LogStatus(logger, report.Status, string.Join(", ", report.Entries.Select(e => $"{e.Key} {e.Value.Status}")));
                    _last = report.Status;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            file.Remove();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health {Status}: {Checks}")]
    private static partial void LogStatus(ILogger logger, HealthStatus status, string checks);
}
