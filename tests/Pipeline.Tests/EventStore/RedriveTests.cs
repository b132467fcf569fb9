using NasPipeline.Contracts.Events;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Predict;

namespace NasPipeline.Tests.EventStore;

/// <summary>`nasp replay --redrive` as a user runs it, each time its own process, on tiny two-node mutation runs.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RedriveTests(PipelineFixture fixture)
{
    /// <summary>
    /// Before MKL ran in its reproducible mode 12 of 20 redrives differed from the stored run, so all eight matching it
    /// by chance has a probability of about 0.4^8 (7e-4): enough to catch that kind of race without paying for twenty
    /// processes in every suite run.
    /// </summary>
    [Fact]
    public async Task Redrive_of_a_tiny_run_gives_the_same_answer_eight_times_in_a_row()
    {
        var runId = await TinyRunAsync(weightsSeed: 1);

        var answers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var redrive = await NaspCli.RunAsync(fixture.Environment, "replay", runId.ToString(), "--redrive");
            answers.Add($"exit {redrive.ExitCode}: " + string.Join('\n', redrive.Output.Split('\n').Where(l => l.StartsWith("re-", StringComparison.Ordinal))));
        }

        var distinct = answers.GroupBy(a => a).Select(g => $"{g.Count()} x {g.Key}").ToList();
        Assert.True(distinct.Count == 1 && answers[0].StartsWith("exit 0", StringComparison.Ordinal), string.Join("\n", distinct));
        Assert.Contains("all identical", answers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redrive_of_a_run_whose_stored_model_was_altered_reports_the_difference()
    {
        var runId = await TinyRunAsync(weightsSeed: 2);
        var model = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).OfType<ModelSubmitted>().Single().Onnx!.BlobHash;
        await using (var alter = fixture.DataSource.CreateCommand(
                         $"UPDATE \"{fixture.Schema}\".blobs SET content = substring(content from 1 for length(content) - 16) WHERE hash = $1"))
        {
            alter.Parameters.Add(new Npgsql.NpgsqlParameter { Value = model });
            Assert.Equal(1, await alter.ExecuteNonQueryAsync());
        }

        var redrive = await NaspCli.RunAsync(fixture.Environment, "replay", runId.ToString(), "--redrive");

        Assert.True(redrive.ExitCode == 1, redrive.Output);
        Assert.Contains($"blob {model} was altered", redrive.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", redrive.Output, StringComparison.Ordinal);
    }

    /// <summary>A completed mutation run of <see cref="TinyOnnx.TwoConvs"/>, every stage in the CLI's process.</summary>
    private async Task<Guid> TinyRunAsync(int weightsSeed)
    {
        var task = $"tiny-{Guid.NewGuid():N}"[..20];
        await new PredictTestKit(fixture).RegisterGnnAsync(task);
        var submit = await NaspCli.RunAsync(NaspCli.Embedded(fixture), "submit", TinyOnnx.TwoConvsFile(weightsSeed), "--input", TinyOnnx.Input,
            "--tasks", task, "--seed", "5", "--population", "6", "--generations", "4", "--wait", "--timeout", "150");
        Assert.True(submit.ExitCode == 0, submit.Output);
        Assert.Contains("rounds of the mutation search", submit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hypervolume", submit.Output, StringComparison.Ordinal);
        return Guid.Parse(NaspCli.RunIdOf(submit.Output));
    }
}
