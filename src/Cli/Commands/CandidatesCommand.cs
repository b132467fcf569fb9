using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.RunResults.Rendering;

namespace NasPipeline.Cli.Commands;

/// <summary><c>candidates RUN</c>: every score a predictor gave during the run.</summary>
public static class CandidatesCommand
{
    public static Command Create()
    {
        var run = CliOptions.Run();
        var json = CliOptions.Json("Print the scores as JSON.");
        var csv = new Option<bool>("--csv") { Description = "Print the scores as CSV." };
        var command = new Command("candidates", "List every score a predictor gave during a run: candidate, generation, request, each task's score, uncertainty.")
        {
            run, json, csv,
        };
        command.SetCliAction((parse, output, ct) =>
            RunAsync(parse.GetRequiredValue(run), ResultFormats.Of(parse.GetValue(json), parse.GetValue(csv)), output, ct));
        return command;
    }

    public static async Task<int> RunAsync(string runText, ResultFormat format, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await RunResultLoader.LoadAsync(runText, cancellationToken);
        if (result is null)
        {
            return 1;
        }

        await output.WriteAsync(format switch
        {
            ResultFormat.Json => ResultJson.Candidates(result) + "\n",
            ResultFormat.Csv => ResultCsv.Candidates(result),
            _ => ResultText.Candidates(result),
        });
        return 0;
    }
}
