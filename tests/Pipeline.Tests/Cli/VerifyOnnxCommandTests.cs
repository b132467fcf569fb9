using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

/// <summary>`verify-onnx` as a user runs it on what `export` wrote, on a file without weights, and on no file.</summary>
public sealed class VerifyOnnxCommandTests
{
    private static readonly Dictionary<string, string> NoServers = new();

    [Fact]
    public async Task An_exported_point_runs_in_ONNX_Runtime_with_finite_outputs()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nasp-test-{Guid.NewGuid():N}.onnx");
        try
        {
            var export = await NaspCli.RunAsync(NoServers, "export", "mbv3-28:smallest", "--seed", "4", "--out", file);
            Assert.True(export.ExitCode == 0, export.Output);

            var verify = await NaspCli.RunAsync(NoServers, "verify-onnx", file, "--seed", "2");

            Assert.True(verify.ExitCode == 0, verify.Output);
            Assert.Matches(@"ONNX Runtime 1\.\d+\.\d+ ran .* on a uniform \[0, 1\) input 'images' \[1,1,\d+,\d+\] \(seed 2\):", verify.Output);
            Assert.Equal(4, verify.Output.Split('\n').Count(l => l.Contains(": all finite, min ", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_model_without_its_weights_is_refused_with_ONNX_Runtime_s_reason()
    {
        // The fixtures keep each model's graph but not its weight data (see tests/fixtures/onnx/README.md).
        var verify = await NaspCli.RunAsync(NoServers, "verify-onnx", RepoPaths.Fixture("resnet18.onnx"));

        Assert.True(verify.ExitCode == 1, verify.Output);
        Assert.Contains("error: ONNX Runtime cannot run ", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_a_bad_shape_is_a_usage_error()
    {
        var missing = await NaspCli.RunAsync(NoServers, "verify-onnx", "no-such-model.onnx");
        var shape = await NaspCli.RunAsync(NoServers, "verify-onnx", RepoPaths.Fixture("resnet18.onnx"), "--input", "1x3xbig");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("No such file: no-such-model.onnx", missing.Output, StringComparison.Ordinal);
        Assert.Equal(2, shape.ExitCode);
        Assert.Contains("--input 1x3xbig is not a shape", shape.Output, StringComparison.Ordinal);
    }
}
