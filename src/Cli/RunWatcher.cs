using NasPipeline.Cli.Output;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Projections;

namespace NasPipeline.Cli;

/// <summary>Follows a run's stream, printing each event as it lands, until the run has nothing more to do.</summary>
public static class RunWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<int> WatchAsync(CliHost host, Guid runId, TextWriter output, TimeSpan timeout, bool printSummary, CancellationToken cancellationToken)
    {
        var reader = host.Get<RunReader>();
        var deadline = DateTime.UtcNow + timeout;
        long seen = 0;
        while (true)
        {
            seen = await PrintNewEventsAsync(reader, runId, seen, output, cancellationToken);
            var summary = await reader.SummaryAsync(runId, cancellationToken);
            if (summary is not null && summary.Status.IsFinal())
            {
                // The final event may have landed between the read above and the summary's; it is visible now,
                // because the summary is projected in the same transaction as the event that made it final.
                await PrintNewEventsAsync(reader, runId, seen, output, cancellationToken);
                if (printSummary)
                {
                    await output.WriteLineAsync();
                    SummaryPrinter.Print(summary, output);
                }

                return summary.Status is RunStatus.Rejected or RunStatus.Failed ? 1 : 0;
            }

            if (DateTime.UtcNow > deadline)
            {
                await Console.Error.WriteLineAsync(
                    $"error: run {runId} is still '{summary?.Status.ToDisplay() ?? "queued"}' after {timeout.TotalSeconds:F0} s; " +
                    "are the stages running? (`nasp serve`, or ./scripts/demo.sh)");
                return 3;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static async Task<long> PrintNewEventsAsync(RunReader reader, Guid runId, long seen, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var recorded in await reader.EventsAsync(runId, seen, cancellationToken))
        {
            await output.WriteLineAsync(EventPrinter.Line(recorded));
            seen = recorded.Version;
        }

        return seen;
    }
}
