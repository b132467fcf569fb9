using NasPipeline.Hosting.EventStore;
using NasPipeline.RunResults.Folding;
using NasPipeline.RunResults.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Cli;

/// <summary>A run's stored events folded into what it found (for show --front, candidates, plot).</summary>
public static class RunResultLoader
{
    /// <summary>Null (with the error written) when the run has no stream.</summary>
    public static async Task<RunResult?> LoadAsync(string runText, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var reader = host.Get<RunReader>();
        var runId = await RunIds.ResolveAsync(runText, reader, cancellationToken);
        var events = await reader.EventsAsync(runId, 0, cancellationToken);
        if (events.Count == 0)
        {
            await Console.Error.WriteLineAsync($"error: no run {runId} in the event store (a submission that no stage has picked up yet has no stream).");
            return null;
        }

        return RunResultFold.Of(runId, events.Select(e => e.Data), SearchSpaceRegistry.CreateDefault());
    }
}
