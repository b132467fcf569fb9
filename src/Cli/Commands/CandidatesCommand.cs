using NasPipeline.RunResults.Rendering;

namespace NasPipeline.Cli.Commands;

/// <summary>`candidates RUN`: every score a predictor gave during the run.</summary>
public static class CandidatesCommand
{
    public const string Usage = "candidates RUN [--json|--csv]";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var runText = args.Positional(1, "the run id");
        var format = ResultFormats.Read(args);
        args.RejectUnknown();
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
