using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Output;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Projections;

namespace NasPipeline.Cli.Commands;

/// <summary><c>runs</c>: the newest runs from the run-list projection.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var limit = CliOptions.Int("--limit", 20, "How many runs to list, newest first (1 or more).");
        var command = new Command("runs", "List recent runs: id, submitted, status, MACs, tasks, model.") { limit };
        command.SetCliAction((parse, output, ct) => RunAsync(parse.GetValue(limit), output, ct));
        return command;
    }

    public static async Task<int> RunAsync(int limit, TextWriter output, CancellationToken cancellationToken)
    {
        if (limit < 1)
        {
            throw new CliUsageException($"--limit must be at least 1, not {limit}.");
        }

        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var runs = await host.Get<RunReader>().ListAsync(limit, cancellationToken);
        if (runs.Count == 0)
        {
            await output.WriteLineAsync("No runs yet. Submit one with: nasp submit MODEL.onnx --input 1x3x224x224");
            return 0;
        }

        await output.WriteLineAsync($"{"run",-36}  {"submitted",-20}  {"status",-16}  {"macs",-10}  {"tasks",-20}  model");
        foreach (var r in runs)
        {
            await output.WriteLineAsync(
                $"{r.Id,-36}  {r.SubmittedAt.ToString("u", CultureInfo.InvariantCulture),-20}  {r.Status.ToDisplay(),-16}  " +
                $"{(r.Macs is { } m ? Units.Si(m) : "-"),-10}  {r.Tasks,-20}  {r.Model}");
        }

        return 0;
    }
}
