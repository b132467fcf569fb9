using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Cli.Commands;

/// <summary><c>watch RUN</c>: prints each event of a run as it lands, then the summary.</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var run = CliOptions.Run();
        var timeout = CliOptions.Timeout(3600, "follow the run");
        var command = new Command("watch", "Print each event of a run as it lands, then its summary; exit 1 if it fails.") { run, timeout };
        command.SetCliAction((parse, output, ct) => RunAsync(parse.GetRequiredValue(run), TimeSpan.FromSeconds(parse.GetValue(timeout)), output, ct));
        return command;
    }

    public static async Task<int> RunAsync(string runText, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var runId = await RunIds.ResolveAsync(runText, host.Get<RunReader>(), cancellationToken);
        await Console.Error.WriteLineAsync($"watching run {runId} (Ctrl-C stops)");
        return await RunWatcher.WatchAsync(host, runId, output, timeout, printSummary: true, cancellationToken);
    }
}
