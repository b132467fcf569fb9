using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.RunResults.Plots;

namespace NasPipeline.Cli.Commands;

/// <summary><c>plot RUN --out front.svg</c>: the fronts generation by generation, MACs against each metric.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var run = CliOptions.Run();
        var path = new Option<string>("--out") { Description = "The SVG file to write.", HelpName = "FILE.svg", Required = true };
        var command = new Command("plot", "Draw a run's fronts generation by generation as SVG (MACs against each metric; an ONNX run's path).")
        {
            run, path,
        };
        command.SetCliAction((parse, output, ct) => RunAsync(parse.GetRequiredValue(run), parse.GetRequiredValue(path), output, ct));
        return command;
    }

    public static async Task<int> RunAsync(string runText, string path, TextWriter output, CancellationToken cancellationToken)
    {
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
