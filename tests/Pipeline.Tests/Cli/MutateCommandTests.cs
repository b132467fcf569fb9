using System.Globalization;
using NasPipeline.Cli.Output;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Shared.Onnx;

namespace NasPipeline.Tests.Cli;

/// <summary>`nasp mutate` on a real ONNX file, as a user runs it: the summary, the JSON and the written network.</summary>
public sealed class MutateCommandTests
{
    private static string Model => Path.Combine(RepoPaths.Root, "tests", "fixtures", "onnx", "small_cnn_28.onnx");

    [Fact]
    public async Task It_prints_the_changes_signed_and_writes_a_network_onnx_runtime_runs()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-mutate-").FullName;
        try
        {
            var kept = Path.Combine(folder, "kept.onnx");
            var text = await NaspCli.RunAsync(new Dictionary<string, string>(), "mutate", Model, "--input", "1x1x28x28", "--steps", "3", "--candidates", "2", "--out", kept);
            Assert.True(text.ExitCode == 0, text.Output);
            var json = await NaspCli.RunAsync(new Dictionary<string, string>(), "mutate", Model, "--input", "1x1x28x28", "--steps", "3", "--candidates", "2", "--json");
            Assert.True(json.ExitCode == 0, json.Output);

            var root = NaspCli.LastJson(json.Output).RootElement;
            var (macsBefore, macsAfter) = (root.GetProperty("macs_original").GetInt64(), root.GetProperty("macs_best").GetInt64());
            var (paramsBefore, paramsAfter) = (root.GetProperty("params_original").GetInt64(), root.GetProperty("params_best").GetInt64());
            Assert.True(macsAfter < macsBefore, $"{macsAfter} MACs kept of {macsBefore}");
            // The text is the JSON's numbers, each change signed by its direction.
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"macs    {macsBefore:N0} -> {macsAfter:N0} ({Units.Change(1 - (double)macsAfter / macsBefore)})"), text.Output);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"params  {paramsBefore:N0} -> {paramsAfter:N0} ({Units.Change(1 - (double)paramsAfter / paramsBefore)})"), text.Output);
            Assert.Contains($"wrote   {kept}", text.Output);
            var onnx = await File.ReadAllBytesAsync(kept);
            Assert.Equal([1L, 10], OnnxRuntimeRun.OnRandomInput(onnx, seed: 1).Values.Single().Shape);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(0.273, "-27.30 %")]
    [InlineData(-12.498, "+1,249.80 %")]
    [InlineData(0.0, "0.00 %")]
    public void A_change_is_signed_by_its_direction(double reduction, string expected) => Assert.Equal(expected, Units.Change(reduction));
}
