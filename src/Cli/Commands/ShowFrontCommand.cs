using NasPipeline.RunResults.Rendering;

namespace NasPipeline.Cli.Commands;

/// <summary><c>show RUN --front</c>: the front of a space run, the path of an ONNX run, each value predicted or measured.</summary>
public static class ShowFrontCommand
{
    public static async Task<int> RunAsync(string runText, ResultFormat format, TextWriter output, CancellationToken cancellationToken)
    {
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
