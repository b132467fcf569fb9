using NasPipeline.Contracts.Events;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Predict;

/// <summary>The Predict stage as its own process, beside GraphExtract and Search processes, over RabbitMQ: as deployed.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PredictProcessTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Separate_stage_processes_carry_a_point_submission_to_a_completed_search_with_batched_scores()
    {
        var task = $"process-{Guid.NewGuid():N}"[..20];
        await new PredictTestKit(fixture).RegisterGnnAsync(task);
        await StageQueues.PurgeAsync("nasp-search");
        await StageQueues.PurgeAsync("nasp-predict");
        await using var extract = await GraphExtractProcess.StartAsync(fixture);
        await using var search = await StartAsync("Stages.Search");
        await using var predict = await StartAsync("Stages.Predict", ("Predict__BatchSize", "5"));
        var space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");
        var point = $"{space.Name}:{string.Join(',', space.Repair(space.Sample(new Random(4))))}";

        var submit = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "submit", "--point", point, "--tasks", task, "--seed", "6",
            "--population", "8", "--generations", "2", "--initial", "4", "--wait", "--timeout", "150");

        Assert.True(submit.ExitCode == 0, $"{submit.Output}\n--- predict:\n{predict.Output}\n--- search:\n{search.Output}");
        var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
        var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();
        var first = stream.OfType<CandidateScored>().Where(s => s.Generation == 0).ToList();
        Assert.Equal([0, 1], first.Select(s => s.Batch));
        Assert.All(first, s => Assert.Equal((2, 1), (s.BatchCount, s.PredictorVersion)));
        Assert.Single(stream.OfType<AdapterTrained>());
        Assert.Single(stream.OfType<SearchCompleted>());
        Assert.True(SearchRedrive.Check(stream, SearchSpaceRegistry.CreateDefault()).Identical);
    }

    [Fact]
    public async Task The_predict_stage_refuses_to_start_with_bad_settings()
    {
        var env = new Dictionary<string, string>(fixture.Environment) { ["Predict__ValidationFolds"] = "1" };
        await using var predict = ChildProcess.StartDll(RepoPaths.StageDll("Stages.Predict"), env);

        var code = await predict.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("error: Predict__ValidationFolds: 'Validation Folds' must be greater than or equal to '2'.", predict.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Bus started", predict.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", predict.Output, StringComparison.Ordinal);
    }

    private async Task<ChildProcess> StartAsync(string stage, params (string Key, string Value)[] settings)
    {
        var env = new Dictionary<string, string>(fixture.Environment);
        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }

        var process = ChildProcess.StartDll(RepoPaths.StageDll(stage), env);
        await process.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        return process;
    }
}
