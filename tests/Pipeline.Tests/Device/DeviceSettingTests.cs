using NasPipeline.Hosting;
using NasPipeline.Stages.Adapt;
using NasPipeline.Stages.Predict;
using NasPipeline.Stages.PseudoLabel;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Device;

/// <summary>
/// <c>--device</c> on the commands that train or score, <c>Torch__Device</c> on the stages that do: a bad name and a GPU
/// this CPU-only build cannot use are refused up front with the remedy, never a stack trace. CI has no GPU, so the CUDA
/// path itself is not run here.
/// </summary>
public sealed class DeviceSettingTests
{
    private static readonly Dictionary<string, string> NoServers = new();

    [Theory]
    [InlineData("train", "tests/fixtures/onnx/small_cnn_28.onnx", "--out", "never.onnx")]
    [InlineData("supernet", "train")]
    [InlineData("predictor", "eval", "--data", "missing.jsonl")]
    public async Task A_device_other_than_cpu_or_cuda_is_a_usage_error_naming_the_option(params string[] command)
    {
        var result = await NaspCli.RunAsync(NoServers, [.. command, "--device", "tpu"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--device must be cpu or cuda, not 'tpu'.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cuda_on_this_cpu_only_build_says_how_to_get_a_cuda_libtorch()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("nasp-device-").FullName, "never.onnx");

        var result = await NaspCli.RunAsync(NoServers, "train", RepoPaths.Fixture("small_cnn_28.onnx"), "--out", output, "--device", "cuda", "--epochs", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--device cuda: CUDA was asked for, but this build's libtorch is CPU-only", result.Output, StringComparison.Ordinal);
        Assert.Contains("-p:TorchBackend=cuda", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    public static TheoryData<IPipelineStage> TorchStages => new() { new AdaptStage(), new PseudoLabelStage(), new PredictStage() };

    [Theory]
    [MemberData(nameof(TorchStages))]
    public void A_torch_stage_refuses_an_unknown_device_at_start(IPipelineStage stage)
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => StageSettings.Read<object>(stage, [("Torch:Device", "tpu")]));

        Assert.Equal("Torch__Device must be cpu or cuda, not 'tpu'.", error.Message);
    }

    [Theory]
    [MemberData(nameof(TorchStages))]
    public void A_torch_stage_told_to_use_cuda_stops_at_start_with_the_remedy(IPipelineStage stage)
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => StageSettings.Read<object>(stage, [("Torch:Device", "cuda")]));

        Assert.StartsWith("Torch__Device=cuda: CUDA was asked for, but this build's libtorch is CPU-only", error.Message, StringComparison.Ordinal);
    }
}
