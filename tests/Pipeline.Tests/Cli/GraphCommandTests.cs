using System.Text.Json;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

public sealed class GraphCommandTests
{
    private static readonly Dictionary<string, string> NoServers = new();

    [Fact]
    public async Task Graph_json_reports_macs_and_params_without_any_server()
    {
        var result = await NaspCli.RunAsync(NoServers, "graph", RepoPaths.Fixture("resnet50.onnx"), "--input", "1x3x224x224", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var macs = json.RootElement.GetProperty("macs").GetInt64();
        Assert.InRange(macs, 4.09e9 * 0.99, 4.09e9 * 1.01);
        Assert.InRange(json.RootElement.GetProperty("params").GetInt64(), 25.3e6, 25.6e6);
        Assert.True(json.RootElement.GetProperty("nodes").GetArrayLength() > 100);
        Assert.True(json.RootElement.GetProperty("edges").GetArrayLength() > 100);
        Assert.Equal("Conv", json.RootElement.GetProperty("nodes")[0].GetProperty("op_type").GetString());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("nodes")[0].GetProperty("output_shapes").ValueKind);
    }

    [Fact]
    public async Task Graph_table_ends_with_the_totals()
    {
        var result = await NaspCli.RunAsync(NoServers, "graph", RepoPaths.Fixture("small_cnn_28.onnx"));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"(?m)^macs\s+[0-9,]+ \(", result.Output);
        Assert.Matches(@"(?m)^params\s+[0-9,]+ \(", result.Output);
        Assert.Contains("Conv", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_batch_is_taken_as_one_with_a_notice_on_stderr()
    {
        // resnet18.onnx declares its input [batch,3,224,224]; the README's fixture table gives its MACs at 1x3x224x224.
        var result = await NaspCli.RunAsync(NoServers, "graph", RepoPaths.Fixture("resnet18.onnx"), "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("note: input 'input' has a symbolic batch dimension 'batch'; using 1. Pass --input to choose.", result.Output, StringComparison.Ordinal);
        using var json = NaspCli.LastJson(result.Output);
        Assert.Equal(1_814_073_344, json.RootElement.GetProperty("macs").GetInt64());
        Assert.Equal([1L, 3, 224, 224], json.RootElement.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
    }

    [Fact]
    public async Task A_given_input_shape_replaces_the_batch_of_one_without_a_notice()
    {
        var result = await NaspCli.RunAsync(NoServers, "graph", RepoPaths.Fixture("resnet18.onnx"), "--input", "2x3x224x224", "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("note:", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(2 * 1_814_073_344L, json.RootElement.GetProperty("macs").GetInt64());
    }

    [Fact]
    public async Task Other_symbolic_dims_still_need_an_input_shape_and_are_named()
    {
        // lraspp's input is [batch,3,height,width].
        var result = await NaspCli.RunAsync(NoServers, "graph", RepoPaths.Fixture("lraspp_mobilenet_v3_large.onnx"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not 'height', 'width'", result.Output, StringComparison.Ordinal);
        Assert.Contains("--input input=", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("note:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_a_one_line_usage_error()
    {
        var result = await NaspCli.RunAsync(NoServers, "graph", "/nonexistent/model.onnx");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No such file: /nonexistent/model.onnx", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_an_onnx_file_is_a_readable_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nasp-{Guid.NewGuid()}.onnx");
        await File.WriteAllTextAsync(path, "not a model");
        try
        {
            var result = await NaspCli.RunAsync(NoServers, "graph", path, "--input", "1x3x8x8");

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("error: ", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Unknown_option_is_refused()
    {
        var result = await NaspCli.RunAsync(NoServers, "graph", RepoPaths.Fixture("resnet18.onnx"), "--inptu", "1x3x224x224");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--inptu", result.Output, StringComparison.Ordinal);
    }
}
