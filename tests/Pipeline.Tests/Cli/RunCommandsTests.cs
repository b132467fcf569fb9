using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

[Collection(PipelineCollection.Name)]
public sealed class RunCommandsTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Submit_without_a_broker_runs_the_stages_in_process_and_show_runs_replay_agree()
    {
        var env = NaspCli.Embedded(fixture);

        var submit = await NaspCli.RunAsync(env, "submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28",
            "--tasks", "keypoints", "--constraint", "macs<=0.8x", "--seed", "42", "--wait");

        // Every stage ran: the graph was extracted, the mutation search asked Predict for scores, and Predict, with no
        // predictor registered for keypoints (no test registers one), scored them with the default predictor.
        Assert.True(submit.ExitCode == 0, submit.Output);
        var runId = NaspCli.RunIdOf(submit.Output);
        Assert.True(Guid.TryParse(runId, out _), submit.Output);
        Assert.Contains("graph extracted", submit.Output, StringComparison.Ordinal);
        Assert.Contains("ScoreCandidates", submit.Output, StringComparison.Ordinal);
        Assert.Contains("gnn-adapter for keypoints trained: v1", submit.Output, StringComparison.Ordinal);
        Assert.Contains("; default: AIO-P GNN", submit.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^status\s+completed", submit.Output);

        var runs = await NaspCli.RunAsync(env, "runs");
        Assert.Equal(0, runs.ExitCode);
        Assert.Contains(runId, runs.Output, StringComparison.Ordinal);

        // Run ids are version-7 GUIDs: the first 12 hex digits are the millisecond clock, so a short prefix is shared by
        // every run of the same minute; 23 characters reach the random bits.
        var show = await NaspCli.RunAsync(env, "show", runId[..23], "--events");
        Assert.Equal(0, show.ExitCode);
        Assert.Matches(@"(?m)^constraints\s+macs <= 0.8 x submitted", show.Output);
        Assert.Matches(@"(?m)^seed\s+42", show.Output);

        var replay = await NaspCli.RunAsync(env, "replay", runId);
        Assert.True(replay.ExitCode == 0, replay.Output);
        Assert.Contains("match the stored ones", replay.Output, StringComparison.Ordinal);
        Assert.Equal(SummaryLines(show.Output), SummaryLines(replay.Output));
    }

    [Fact]
    public async Task Submit_with_bad_options_says_what_is_wrong_and_publishes_nothing()
    {
        var result = await NaspCli.RunAsync(NaspCli.Embedded(fixture), "submit", RepoPaths.Fixture("resnet18.onnx"),
            "--input", "224x224x", "--objective", "max:accuracy");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Input shape '224x224x'", result.Output, StringComparison.Ordinal);
        Assert.Contains("Objective 'accuracy' is neither a task of this run", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--objective", "min:latency")]
    [InlineData("--constraint", "latency<=20")]
    public async Task Latency_objectives_and_constraints_on_a_submitted_onnx_model_are_refused_with_what_to_use(string option, string value)
    {
        var result = await NaspCli.RunAsync(NaspCli.Embedded(fixture), "submit", RepoPaths.Fixture("small_cnn_28.onnx"),
            "--input", "1x1x28x28", "--tasks", "classification", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Latency is measured for search-space points (--point)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_of_an_unknown_run_is_an_error_not_a_crash()
    {
        var result = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "show", Guid.NewGuid().ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no run", result.Output, StringComparison.Ordinal);
    }

    private static string[] SummaryLines(string output) =>
        output.Split('\n').Where(l => l.Length > 12 && char.IsLetter(l[0]) && l[..12].Trim().Length > 0 && !l.StartsWith("replayed", StringComparison.Ordinal))
            .TakeWhile(l => !l.StartsWith("events", StringComparison.Ordinal))
            .ToArray();
}
