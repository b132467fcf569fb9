using System.CommandLine;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Onnx;

namespace NasPipeline.Cli.Commands;

/// <summary><c>verify-onnx FILE</c>: loads an ONNX file in ONNX Runtime and runs it once (exit 1 when it is refused or
/// gives non-finite values).</summary>
public static class VerifyOnnxCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The ONNX file (what `nasp export` or `nasp mutate --out` wrote, or any other)." };
        var input = CliOptions.Text("--input", "The input's shape, e.g. 1x3x224x224 (default: the model's own, symbolic dims as 1).", "SHAPE");
        var seed = CliOptions.Int("--seed", 0, "Seed of the uniform [0, 1) input.");
        var command = new Command("verify-onnx", "Load an ONNX file in ONNX Runtime, run it once on a random input, print its outputs' shapes and ranges.")
        {
            file, input, seed,
        };
        command.SetCliAction((parse, output, _) => RunAsync(parse.GetRequiredValue(file), parse.GetValue(input), parse.GetValue(seed), output));
        return command;
    }

    public static async Task<int> RunAsync(string path, string? inputShape, int seed, TextWriter output)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"No such file: {path}");
        }

        var shape = inputShape is null ? null : Shape(inputShape);
        OnnxRuntimeReport report;
        try
        {
            report = OnnxRuntimeCheck.Run(await File.ReadAllBytesAsync(path), shape, seed);
        }
        catch (Exception e) when (e is OnnxRuntimeException or OnnxRuntimeCheckException)
        {
            await Console.Error.WriteLineAsync($"error: ONNX Runtime cannot run {path}: {e.Message}");
            return ExitCodes.Failed;
        }

        await output.WriteLineAsync($"ONNX Runtime {report.Version} ran {path} on a uniform [0, 1) input '{report.Input}' {Dims(report.InputShape)} (seed {seed}):");
        foreach (var o in report.Outputs)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {o.Name} {Dims(o.Shape)}: {(o.NonFinite == 0 ? "all finite" : $"{o.NonFinite} non-finite values")}, min {o.Min:G4}, max {o.Max:G4}"));
        }

        return report.AllFinite ? 0 : ExitCodes.Failed;
    }

    private static string Dims(long[] shape) => "[" + string.Join(",", shape) + "]";

    private static long[] Shape(string text)
    {
        var parts = text.Split('x');
        var dims = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] < 1)
            {
                throw new CliUsageException($"--input {text} is not a shape: positive whole numbers joined by x, e.g. 1x3x224x224.");
            }
        }

        return dims;
    }
}
