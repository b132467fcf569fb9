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

    [Fact]
    public async Task A_step_cap_keeps_every_step_within_its_fraction_of_the_macs()
    {
        // Without the cap the first step shrinks conv1's kernel 3x3 -> 1x1 (17% of the MACs); with 15% only channel
        // shrinks of conv1 (12%, then 14%) qualify.
        var free = await NaspCli.RunAsync(new Dictionary<string, string>(), "mutate", Model, "--input", "1x1x28x28", "--steps", "3", "--json");
        var capped = await NaspCli.RunAsync(new Dictionary<string, string>(), "mutate", Model, "--input", "1x1x28x28", "--steps", "3", "--json",
            "--max-step-cut", "0.15");
        Assert.True(free.ExitCode == 0 && capped.ExitCode == 0, free.Output + capped.Output);

        static List<string> Mutations(string output) =>
            NaspCli.LastJson(output).RootElement.GetProperty("mutations").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(Mutations(free.Output), m => m.StartsWith("kernel of", StringComparison.Ordinal));
        var steps = Mutations(capped.Output);
        Assert.NotEmpty(steps);
        Assert.All(steps, m => Assert.StartsWith("channels of", m, StringComparison.Ordinal));
        var macs = NaspCli.LastJson(capped.Output).RootElement.GetProperty("macs_best").GetInt64();
        Assert.InRange(macs, 290_080 * Math.Pow(0.85, steps.Count), 290_080 - 1);
    }

    [Theory]
    [InlineData("--max-step-cut", "0", "--max-step-cut must be a fraction of the current network's MACs above 0 and below 1 (e.g. 0.03), not 0.")]
    [InlineData("--max-step-cut", "3%", "--max-step-cut takes a fraction of the current network's MACs (e.g. 0.03), not '3%'.")]
    [InlineData("--step-rule", "widest", "--step-rule is headroom or spread, not 'widest'.")]
    public async Task Bad_search_rules_are_refused_with_the_reason(string option, string value, string refusal)
    {
        var run = await NaspCli.RunAsync(new Dictionary<string, string>(), "mutate", Model, "--input", "1x1x28x28", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(refusal, run.Output);
    }

    [Theory]
    [InlineData(0.273, "-27.30 %")]
    [InlineData(-12.498, "+1,249.80 %")]
    [InlineData(0.0, "0.00 %")]
    public void A_change_is_signed_by_its_direction(double reduction, string expected) => Assert.Equal(expected, Units.Change(reduction));
}
