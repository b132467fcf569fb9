using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Models;
using NasPipeline.Cli.Output;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Cli.Commands;

public static class ReplayCommand
{
    public const string Usage = "replay RUN [--redrive] | replay RUN --fork --with KEY=VALUE... [--wait] [--timeout SECONDS]";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var runText = args.Positional(1, "the run id");
        var redrive = args.Flag("redrive");
        var fork = args.Flag("fork");
        var with = args.Options("with");
        var wait = args.Flag("wait");
        var timeout = TimeSpan.FromSeconds(args.IntOption("timeout", 600));
        args.RejectUnknown();
        if (fork)
        {
            // Read the changes before anything starts, so a typo costs nothing.
            return redrive
                ? throw new CliUsageException("--fork starts a new run and --redrive checks an old one: give one of them.")
                : await ForkCommand.RunAsync(runText, ForkChanges.Parse(with), wait, timeout, output, cancellationToken);
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
            var onnx = events.OfType<ModelSubmitted>().FirstOrDefault()?.Onnx is { } model
                ? await host.Get<IBlobStore>().GetAsync(model.BlobHash, cancellationToken)
                : null;
            var report = SearchRedrive.Check(events, SearchSpaceRegistry.CreateDefault(), onnx);
            identical = report.Identical;
            await output.WriteLineAsync(identical
                ? $"re-drove the search: {report.Decisions} decisions, all identical"
                : $"re-drove the search: decision {report.FirstMismatch} of {report.Decisions} DIFFERS\n  recorded:  {report.Recorded}\n  re-driven: {report.Redriven}");
            identical &= await RescoreAsync(host, events, output, cancellationToken);
        }

        await output.WriteLineAsync();
        SummaryPrinter.Print(result.Summary, output);
        return result.MatchesStoredProjections && identical ? 0 : 1;
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
        catch (PredictionException e)
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
