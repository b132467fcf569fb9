using NasPipeline.RunResults.Plots;

namespace NasPipeline.Cli.Commands;

/// <summary>`plot RUN --out front.svg`: the fronts generation by generation, MACs against each metric.</summary>
public static class PlotCommand
{
    public const string Usage = "plot RUN --out FILE.svg";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var runText = args.Positional(1, "the run id");
        var path = args.Option("out") ?? throw new CliUsageException($"Name the file to write: --out FILE.svg (nasp {Usage}).");
        args.RejectUnknown();
        var result = await RunResultLoader.LoadAsync(runText, cancellationToken);
        if (result is null)
        {
            return 1;
        }

        await File.WriteAllTextAsync(path, FrontPlot.Svg(result), cancellationToken);
        var points = result.Generations.Sum(g => g.Members.Count);
        await output.WriteLineAsync($"wrote {path}: {result.Generations.Count} generations ({points} points), final front of {result.Front.Count}" +
            (result.Completed ? "" : " (the search has not completed: latest front)"));
        return 0;
    }
}
