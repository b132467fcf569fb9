using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Shared.Onnx;

namespace NasPipeline.Tests.Cli;

/// <summary>`nasp chain train` and `nasp adapt` as a user runs them: FNA locally, no server.</summary>
public sealed class FnaCommandsTests
{
    private static readonly Dictionary<string, string> NoServers = new();

    // One torch thread each: the suite runs test projects side by side on 2 cores, and libtorch's spinning threads,
    // oversubscribed, made a 2-thread `adapt` of 256 images take 2 minutes instead of 15 s.
    [Fact]
    public async Task A_trained_seed_is_adapted_measured_and_written_as_an_onnx_classifier_onnx_runtime_runs()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-fna-").FullName;
        try
        {
            var seed = Path.Combine(folder, "seed.onnx");
            var train = await NaspCli.RunAsync(NoServers, "chain", "train", "--images", "128", "--eval-images", "64", "--epochs", "1", "--threads", "1", "--out", seed);
            Assert.True(train.ExitCode == 0, train.Output);
            Assert.Matches(@"(?m)^top1\s+0\.\d{4} on 64 validation images after 1 epochs on 128 images", train.Output);
            // The written file, run by the ONNX interpreter, measures what the trained chain measured on the same images.
            var evaluated = await NaspCli.RunAsync(NoServers, "evaluate", seed, "--split", "validation", "--images", "64", "--threads", "1");
            Assert.True(evaluated.ExitCode == 0, evaluated.Output);
            var trainedTop1 = System.Text.RegularExpressions.Regex.Match(train.Output, @"(?m)^top1\s+(0\.\d{4}) on 64").Groups[1].Value;
            Assert.Contains($"top1    {trainedTop1} on 64 validation images", evaluated.Output, StringComparison.Ordinal);
            var test = await NaspCli.RunAsync(NoServers, "evaluate", seed, "--images", "100", "--threads", "1");
            Assert.Matches(@"(?m)^top1\s+0\.\d{2}00 on 100 test images$", test.Output);

            var adapted = Path.Combine(folder, "adapted.onnx");
            var adapt = await NaspCli.RunAsync(NoServers, "adapt", seed, "--task", "classification", "--images", "128", "--eval-images", "64", "--threads", "1",
                "--warmup-epochs", "0", "--search-epochs", "1", "--fine-tune-epochs", "1", "--target-macs", "0.4x", "--out", adapted, "--json");
            Assert.True(adapt.ExitCode == 0, adapt.Output);
            Assert.Contains("search: epoch 1 step", adapt.Output, StringComparison.Ordinal);
            Assert.Contains("fine-tune: epoch 1 step", adapt.Output, StringComparison.Ordinal);
            using var json = NaspCli.LastJson(adapt.Output);
            var result = json.RootElement;
            Assert.Equal("16 | 24/s2: k3e6 k3e6 | 32/s2: k3e6 k3e6 | 48/s1: k3e6 k3e6 | 64/s2: k3e6 k3e6", result.GetProperty("original").GetString());
            Assert.Equal(9_374_832, result.GetProperty("macs_original").GetInt64());
            Assert.Equal(3_749_932, result.GetProperty("target_macs").GetInt64());
            Assert.InRange(result.GetProperty("macs_adapted").GetInt64(), 1, 3_749_932);
            Assert.InRange(result.GetProperty("metric_original").GetDouble(), 0, 1);
            Assert.InRange(result.GetProperty("metric_adapted").GetDouble(), 0, 1);

            var logits = OnnxRuntimeRun.OnRandomInput(await File.ReadAllBytesAsync(adapted), seed: 1)["logits"];
            Assert.Equal([1L, 10L], logits.Shape);
            Assert.Equal(result.GetProperty("adapted").GetString(), OnnxRuntimeRun.Metadata(await File.ReadAllBytesAsync(adapted))["nas_pipeline.architecture"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_resnet_like_network_is_trained_from_scratch_and_written_with_weights_onnx_runtime_runs()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-train-").FullName;
        try
        {
            var trained = Path.Combine(folder, "resnet.onnx");
            var train = await NaspCli.RunAsync(NoServers, "train", "resnet-like", "--images", "128", "--eval-images", "64", "--epochs", "1", "--threads", "1",
                "--out", trained);

            Assert.True(train.ExitCode == 0, train.Output);
            Assert.Contains("train: epoch 1 step 1/1", train.Output, StringComparison.Ordinal);
            Assert.Contains("network resnet-like: 20,183,936 MACs", train.Output, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^top1\s+0\.\d{4} on 64 validation images after 1 epochs on 128 images$", train.Output);
            Assert.Contains("head    the network's own output 'logits' (10)", train.Output, StringComparison.Ordinal);
            // Batches of 128 convolutions: libtorch would ask NNPACK, and warn on every thread that it cannot start.
            Assert.DoesNotContain("NNPACK", train.Output, StringComparison.Ordinal);
            var logits = OnnxRuntimeRun.OnRandomInput(await File.ReadAllBytesAsync(trained), seed: 1)["logits"];
            Assert.Equal([1L, 10L], logits.Shape);
            Assert.All(logits.Values, v => Assert.True(float.IsFinite(v)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_network_this_project_did_not_write_as_a_chain_is_refused_with_the_reason()
    {
        var result = await NaspCli.RunAsync(NoServers, "adapt", RepoPaths.Fixture("small_cnn_28.onnx"), "--task", "classification");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The model is not a MobileNetV2-like chain classifier", result.Output, StringComparison.Ordinal);
        Assert.Contains("No inverted residual block follows the stem: its output is read by MaxPool '/features/features.2/MaxPool'.", result.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_is_no_fraction_of_the_seed_is_refused_with_the_forms_it_takes()
    {
        var result = await NaspCli.RunAsync(NoServers, "adapt", RepoPaths.Fixture("small_cnn_28.onnx"), "--task", "classification", "--target-macs", "1.5x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--target-macs is a factor of the seed's MACs in (0, 1] followed by x (0.8x) or a positive count of MACs, not '1.5x'.", result.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_task_is_refused_with_the_known_ones()
    {
        var result = await NaspCli.RunAsync(NoServers, "adapt", RepoPaths.Fixture("small_cnn_28.onnx"), "--task", "colouring");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("classification, segmentation", result.Output, StringComparison.Ordinal);
    }
}
