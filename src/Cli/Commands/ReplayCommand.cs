using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Blobs;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Models;
using NasPipeline.Cli.Output;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// <c>replay RUN</c>: rebuilds a run's projections from its events and compares; <c>--redrive</c> re-decides the search from
/// its recorded inputs; <c>--fork</c> starts a new run from this one's submission (<see cref="ForkCommand"/>).
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var run = CliOptions.Run();
        var redrive = new Option<bool>("--redrive")
        {
            Description = "Also feed the recorded inputs (submission, scores, measurements) back through the search policy and the recorded " +
                          "predictor versions, and check every decision is identical.",
        };
        var fork = new Option<bool>("--fork") { Description = "Start a new run from this run's submission with the --with settings changed; prints its id." };
        var with = new Option<string[]>("--with")
        {
            Description = "--fork: a setting to change, KEY=VALUE; repeatable. Keys: seed, population, generations, iterations, adapt, initial " +
                          "(whole numbers), tasks (a comma list).",
            HelpName = "KEY=VALUE",
        };
        var wait = new Option<bool>("--wait") { Description = "--fork: follow the new run until it ends and print its summary." };
        var timeout = CliOptions.Timeout(600, "wait for the forked run");
        var connectTimeout = SubmitCommand.ConnectTimeoutOption();
        var command = new Command("replay", "Rebuild a run's projections from its events and compare them with the stored ones; re-drive or fork it.")
        {
            run, redrive, fork, with, wait, timeout, connectTimeout,
        };
        command.SetCliAction((parse, output, ct) => RunAsync(
            parse.GetRequiredValue(run), parse.GetValue(redrive), parse.GetValue(fork), parse.GetValue(with) ?? [], parse.GetValue(wait),
            TimeSpan.FromSeconds(parse.GetValue(timeout)), TimeSpan.FromSeconds(parse.GetValue(connectTimeout)), output, ct));
        return command;
    }

    public static async Task<int> RunAsync(
        string runText, bool redrive, bool fork, IReadOnlyList<string> with, bool wait, TimeSpan timeout, TimeSpan connectTimeout, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (fork)
        {
            // Read the changes before anything starts, so a typo costs nothing.
            return redrive
                ? throw new CliUsageException("--fork starts a new run and --redrive checks an old one: give one of them.")
                : await ForkCommand.RunAsync(runText, ForkChanges.Parse(with), wait, timeout, connectTimeout, output, cancellationToken);
        }

        if (with.Count > 0 || wait)
        {
            throw new CliUsageException("--with and --wait go with --fork.");
        }

        await using var host = await CliHost.StartAsync(withBus: false, cancellationToken);
        var runId = await RunIds.ResolveAsync(runText, host.Get<RunReader>(), cancellationToken);
        var result = await host.Get<RunReplayer>().ReplayAsync(runId, cancellationToken);
        if (result is null)
        {
            await Console.Error.WriteLineAsync($"error: run {runId} has no events to replay.");
            return 1;
        }

        await output.WriteLineAsync($"replayed {result.EventCount} events; projections rebuilt from the stream " +
                                    (result.MatchesStoredProjections ? "match the stored ones" : "DIFFER from the stored ones (now replaced)"));
        var identical = true;
        if (redrive)
        {
            // Re-drive the search: its recorded inputs through the policy, every decision compared.
            var events = (await host.Get<RunReader>().EventsAsync(runId, cancellationToken: cancellationToken)).Select(e => e.Data).ToList();
            identical = await RedriveSearchAsync(host, events, output, cancellationToken);
            identical &= await RescoreAsync(host, events, output, cancellationToken);
        }

        await output.WriteLineAsync();
        SummaryPrinter.Print(result.Summary, output);
        return result.MatchesStoredProjections && identical ? 0 : 1;
    }

    /// <summary>Re-decides the search from its recorded inputs and compares every decision.</summary>
    private static async Task<bool> RedriveSearchAsync(CliHost host, IReadOnlyList<object> events, TextWriter output, CancellationToken cancellationToken)
    {
        RedriveReport report;
        try
        {
            var onnx = events.OfType<ModelSubmitted>().FirstOrDefault()?.Onnx is { } model
                ? await host.Get<IBlobStore>().GetAsync(model.BlobHash, cancellationToken)
                : null;
            report = SearchRedrive.Check(events, SearchSpaceRegistry.CreateDefault(), onnx);
        }
        catch (BlobAlteredException e)
        {
            await output.WriteLineAsync($"could not re-drive the search: {e.Message}");
            return false;
        }

        await output.WriteLineAsync(report.Identical
            ? $"re-drove the search: {report.Decisions} decisions, all identical"
            : $"re-drove the search: decision {report.FirstMismatch} of {report.Decisions} DIFFERS\n  recorded:  {report.Recorded}\n  re-driven: {report.Redriven}");
        return report.Identical;
    }

    /// <summary>Re-scores the recorded requests with the predictor versions their scores name.</summary>
    private static async Task<bool> RescoreAsync(CliHost host, IReadOnlyList<object> events, TextWriter output, CancellationToken cancellationToken)
    {
        var blobs = host.Get<IBlobStore>();
        using var models = new ModelCache(blobs);
        var redrive = new PredictionRedrive(models, new CandidateResolver(SearchSpaceRegistry.CreateDefault(), blobs, new OnnxGraphExtractor()));
        RescoreReport report;
        try
        {
            report = await redrive.CheckAsync(events, cancellationToken);
        }
        catch (Exception e) when (e is PredictionException or BlobAlteredException)
        {
            await output.WriteLineAsync($"could not re-score: {e.Message}");
            return false;
        }

        var skipped = report.Skipped > 0 ? $" ({report.Skipped} scored outside the Predict stage, not checked)" : "";
        await output.WriteLineAsync(report.Identical
            ? $"re-scored {report.Candidates} candidates with the recorded predictor versions: all identical{skipped}"
            : $"re-scored with the recorded predictor versions: {report.FirstMismatch} DIFFERS");
        return report.Identical;
    }
}
