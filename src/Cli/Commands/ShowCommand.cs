using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Output;
using NasPipeline.Hosting.EventStore;

namespace NasPipeline.Cli.Commands;

/// <summary><c>show RUN</c>: the run-summary projection, optionally with every event.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var run = CliOptions.Run();
        var events = new Option<bool>("--events") { Description = "Also print every event of the run, oldest first." };
        var json = CliOptions.Json("Print the summary (with --front, the result) as JSON.");
        var front = new Option<bool>("--front")
        {
            Description = "Print what the run found: a space run's Pareto front, or an ONNX run's path to its kept network, each value predicted or measured.",
        };
        var csv = new Option<bool>("--csv") { Description = "With --front: print the rows as CSV." };
        var command = new Command("show", "Print a run's summary: status, model, tasks, objectives, budget, front, and a fork's parent.")
        {
            run, events, json, front, csv,
        };
        command.SetCliAction((parse, output, ct) =>
        {
            if (!parse.GetValue(front))
            {
                return parse.GetValue(csv)
                    ? throw new CliUsageException("--csv goes with --front: nasp show RUN --front --csv.")
                    : RunAsync(parse.GetRequiredValue(run), parse.GetValue(events), parse.GetValue(json), output, ct);
            }

            return parse.GetValue(events)
                ? throw new CliUsageException("--events and --front are two views; ask for one at a time.")
                : ShowFrontCommand.RunAsync(parse.GetRequiredValue(run), ResultFormats.Of(parse.GetValue(json), parse.GetValue(csv)), output, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(string runText, bool withEvents, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var reader = host.Get<RunReader>();
        var runId = await RunIds.ResolveAsync(runText, reader, cancellationToken);
        var summary = await reader.SummaryAsync(runId, cancellationToken);
        if (summary is null)
        {
            await Console.Error.WriteLineAsync($"error: no run {runId} in the event store (a submission that no stage has picked up yet has no stream).");
            return 1;
        }

        if (json)
        {
            await output.WriteLineAsync(CliJson.Serialize(summary));
            return 0;
        }

        SummaryPrinter.Print(summary, output);
        if (withEvents)
        {
            await output.WriteLineAsync();
            foreach (var e in await reader.EventsAsync(runId, 0, cancellationToken))
            {
                await output.WriteLineAsync(EventPrinter.Line(e));
            }
        }

        return 0;
    }
}
