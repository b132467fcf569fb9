using System.Text.Json;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Shared.Onnx;

namespace NasPipeline.Tests.Cli;

/// <summary>`tasks`, `space sample`, `supernet train` and `subnet eval` as a user runs them, recording into a real run.</summary>
[Collection(PipelineCollection.Name)]
public sealed class SupernetCommandsTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Supernet_train_and_subnet_eval_record_their_results_in_the_run()
    {
        var env = NaspCli.Embedded(fixture);
        // The run is only somewhere to record into: its file is not an ONNX model, which the CLI cannot tell and
        // GraphExtract rejects (a final state), so `submit --wait` returns 1 at once.
        var notOnnx = Path.Combine(Path.GetTempPath(), $"nasp-test-{Guid.NewGuid():N}.onnx");
        await File.WriteAllTextAsync(notOnnx, "these bytes are not an ONNX model");
        var submit = await NaspCli.RunAsync(env, "submit", notOnnx, "--input", "1x1x28x28", "--tasks", "classification", "--wait");
        File.Delete(notOnnx);
        Assert.True(submit.ExitCode == 1, submit.Output);
        Assert.Contains("The bytes are not an ONNX model", submit.Output, StringComparison.Ordinal);
        var runId = NaspCli.RunIdOf(submit.Output);
        var checkpoint = Path.Combine(Path.GetTempPath(), $"nasp-test-{Guid.NewGuid():N}.ckpt");
        try
        {
            var train = await NaspCli.RunAsync(env, "supernet", "train", "--train-images", "64", "--batch", "32", "--eval-images", "64",
                "--seed", "3", "--out", checkpoint, "--run", runId);
            Assert.True(train.ExitCode == 0, train.Output);
            Assert.Matches(@"(?m)^smallest\s+top1 0\.\d{4} on 64 validation images", train.Output);
            Assert.Contains("epoch 1/1 step 2/2", train.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(checkpoint));

            var eval = await NaspCli.RunAsync(env, "subnet", "eval", "--checkpoint", checkpoint, "--point", "largest", "--eval-images", "64", "--run", runId[..23], "--json");
            Assert.True(eval.ExitCode == 0, eval.Output);
            using var json = JsonDocument.Parse(eval.Output[eval.Output.IndexOf('{', StringComparison.Ordinal)..]);
            var evaluated = json.RootElement.GetProperty("evaluated");
            var largest = SearchSpaceRegistry.CreateDefault().Get("mbv3-28").Cost(SearchSpaceRegistry.CreateDefault().Get("mbv3-28").Largest);
            Assert.Equal(largest.Macs, evaluated.GetProperty("macs").GetInt64());
            Assert.InRange(evaluated.GetProperty("value").GetDouble(), 0, 1);

            var show = await NaspCli.RunAsync(env, "show", runId, "--events");
            Assert.True(show.ExitCode == 0, show.Output);
            Assert.Contains("supernet mbv3-28 trained for classification: 1 epochs", show.Output, StringComparison.Ordinal);
            Assert.Contains("subnet mbv3-28:", show.Output, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^supernet\s+1 supernets trained, 1 subnets evaluated", show.Output);

            var replay = await NaspCli.RunAsync(env, "replay", runId);
            Assert.True(replay.ExitCode == 0, replay.Output);
            Assert.Contains("match the stored ones", replay.Output, StringComparison.Ordinal);

            // A point of the space with the trained weights, from the file and from the blob the run recorded: ONNX Runtime runs both.
            var onnx = Path.ChangeExtension(checkpoint, ".onnx");
            var fromFile = await NaspCli.RunAsync(env, "export", "mbv3-28:largest", "--checkpoint", checkpoint, "--out", onnx);
            Assert.True(fromFile.ExitCode == 0, fromFile.Output);
            Assert.Contains($"weights: inherited from supernet checkpoint {Path.GetFileName(checkpoint)} (mbv3-28 trained for classification, 1 epochs, seed 3)", fromFile.Output, StringComparison.Ordinal);
            Assert.Equal(4, OnnxRuntimeRun.OnRandomInput(await File.ReadAllBytesAsync(onnx), seed: 2).Count);
            var trained = (await fixture.Reader.EventsAsync(Guid.Parse(runId))).Select(e => e.Data).OfType<Contracts.Events.SupernetTrained>().Single();
            var fromBlob = await NaspCli.RunAsync(env, "export", "mbv3-28:smallest", "--checkpoint-blob", trained.CheckpointBlobHash, "--out", onnx);
            Assert.True(fromBlob.ExitCode == 0, fromBlob.Output);
            Assert.Contains($"inherited from supernet checkpoint blob {trained.CheckpointBlobHash[..12]}", fromBlob.Output, StringComparison.Ordinal);
            Assert.Equal(4, OnnxRuntimeRun.OnRandomInput(await File.ReadAllBytesAsync(onnx), seed: 2).Count);
            File.Delete(onnx);

            // The run was rejected: nothing to export, said plainly.
            var unfinished = await NaspCli.RunAsync(env, "export", runId, "--out", onnx);
            Assert.Equal(1, unfinished.ExitCode);
            Assert.Contains("has no kept network: it was rejected: ", unfinished.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(onnx));
        }
        finally
        {
            File.Delete(checkpoint);
        }
    }

    [Fact]
    public async Task Tasks_and_space_sample_print_the_registries_with_exact_costs()
    {
        var tasks = await NaspCli.RunAsync(fixture.Environment, "tasks");
        Assert.Equal(0, tasks.ExitCode);
        foreach (var (task, metric) in new[] { ("classification", "top1"), ("segmentation", "miou"), ("detection", "map50"), ("keypoints", "pck@0.1"), ("denoising", "psnr") })
        {
            Assert.Matches($@"(?m)^{task}\s+{metric.Replace(".", @"\.", StringComparison.Ordinal)}\s", tasks.Output);
        }

        // --json in the tools' one style: snake_case fields, also of nested objects.
        var tasksJson = await NaspCli.RunAsync(fixture.Environment, "tasks", "--json");
        using (var listed = JsonDocument.Parse(tasksJson.Output))
        {
            var denoising = listed.RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "denoising");
            Assert.Equal(("psnr", true), (denoising.GetProperty("metric").GetString(), denoising.GetProperty("higher_is_better").GetBoolean()));
            Assert.True(denoising.GetProperty("recipe").GetProperty("batch_size").GetInt32() > 0);
        }

        var sample = await NaspCli.RunAsync(fixture.Environment, "space", "sample", "nasvit-hybrid", "--n", "3", "--seed", "5", "--json");
        Assert.True(sample.ExitCode == 0, sample.Output);
        using var json = JsonDocument.Parse(sample.Output);
        var space = SearchSpaceRegistry.CreateDefault().Get("nasvit-hybrid");
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(3, points.Count);
        foreach (var point in points)
        {
            var encoding = point.GetProperty("encoding").EnumerateArray().Select(g => g.GetInt32()).ToArray();
            var cost = space.Cost(encoding);
            Assert.Equal(cost.Macs, point.GetProperty("macs").GetInt64());
            Assert.Equal(cost.Params, point.GetProperty("params").GetInt64());
        }
    }

    [Theory]
    [InlineData("subnet eval --checkpoint /nonexistent.ckpt --point smallest", "No such file")]
    [InlineData("space sample mbv3-29", "No search space 'mbv3-29'")]
    [InlineData("supernet train --task colouring", "No task 'colouring'")]
    [InlineData("supernet train --train-images 10", "--train-images must be between")]
    public async Task Bad_options_are_refused_with_a_reason(string commandLine, string reason)
    {
        var result = await NaspCli.RunAsync(fixture.Environment, commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);
    }
}
