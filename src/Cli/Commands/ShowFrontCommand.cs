using NasPipeline.RunResults.Rendering;

namespace NasPipeline.Cli.Commands;

/// <summary>`show RUN --front`: the front of a space run, the path of an ONNX run, each value predicted or measured.</summary>
public static class ShowFrontCommand
{
    public const string Usage = "show RUN --front [--json|--csv]";

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
            ResultFormat.Json => ResultJson.Result(result) + "\n",
            ResultFormat.Csv => ResultCsv.Result(result),
            _ => ResultText.Result(result),
        });
        return 0;
    }
}
