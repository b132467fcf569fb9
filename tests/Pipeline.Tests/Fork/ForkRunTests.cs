using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Fork;

/// <summary>
/// Budgets and forks end to end over RabbitMQ: GraphExtract and Search as their own processes (Search with a configured
/// budget), the Predict stage played by a stub, runs submitted and forked with the real `nasp`.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ForkRunTests(PipelineFixture fixture)
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();

    [Fact]
    public async Task A_fork_reruns_its_parent_with_one_setting_changed_and_names_its_parent()
    {
        await using var predictor = await PredictorStub.StartAsync(fixture.Writer);
        await using var extract = await GraphExtractProcess.StartAsync(fixture);
        await using var search = await StartSearchAsync(("Search__Population", "10"), ("Search__Generations", "1"), ("Search__InitialSamples", "4"));
        var env = fixture.Environment.ToDictionary();
        var space = Spaces.Get("mbv3-28");
        var point = $"{space.Name}:{string.Join(',', space.Repair(space.Sample(new Random(3))))}";

        // The submission sets the generations; the rest of its budget comes from the stage's configuration.
        var submit = await NaspCli.RunAsync(env, "submit", "--point", point, "--tasks", "classification", "--seed", "5", "--generations", "2");
        Assert.True(submit.ExitCode == 0, submit.Output);
        var parentId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
        var parent = await CompletedAsync(parentId, search);
        Assert.Equal(new SearchSettings(10, 2, 1, 0, 4), SearchSettings.Of(parent.OfType<SearchStarted>().Single()));

        var fork = await NaspCli.RunAsync(env, "replay", parentId.ToString()[..23], "--fork", "--with", "population=8", "--with", "seed=9");
        Assert.True(fork.ExitCode == 0, fork.Output);
        var forkId = Guid.Parse(NaspCli.RunIdOf(fork.Output));
        Assert.NotEqual(parentId, forkId);
        var stream = await CompletedAsync(forkId, search);

        var submitted = stream.OfType<ModelSubmitted>().Single();
        var parentSubmission = parent.OfType<ModelSubmitted>().Single();
        Assert.Equal(parentId, submitted.ParentRunId);
        Assert.Equal(new SearchBudget(8, 2, 1, 0, 4), submitted.Budget);
        Assert.Equal(parentSubmission.Point!.Encoding, submitted.Point!.Encoding);
        Assert.Equal(parentSubmission.Objectives, submitted.Objectives);
        var started = stream.OfType<SearchStarted>().Single();
        Assert.Equal((new SearchSettings(8, 2, 1, 0, 4), 9), (SearchSettings.Of(started), started.Seed));
        Assert.Equal([0, 1, 2], stream.OfType<GenerationCompleted>().Select(g => g.Generation));
        var redrive = SearchRedrive.Check(stream, Spaces);
        Assert.True(redrive.Identical, $"{redrive.Recorded}\n!=\n{redrive.Redriven}");

        var show = await NaspCli.RunAsync(env, "show", forkId.ToString()[..23]);
        Assert.Equal(0, show.ExitCode);
        Assert.Matches($@"(?m)^forked from {parentId}", show.Output);
        Assert.Matches(@"(?m)^budget\s+population 8, generations 2, iterations 1, adapt 0, initial 4", show.Output);
        Assert.Matches(@"(?m)^seed\s+9", show.Output);
        var showParent = await NaspCli.RunAsync(env, "show", parentId.ToString()[..23]);
        Assert.DoesNotContain("forked from", showParent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fork_with_a_bad_setting_is_refused_with_the_valid_keys_and_publishes_nothing()
    {
        var parentId = Guid.NewGuid();
        var space = Spaces.Get("mbv3-28");
        await fixture.Writer.AppendAsync(parentId, [new ModelSubmitted(parentId, DateTimeOffset.UtcNow, null, new SearchSpacePoint(space.Name, space.Smallest),
            [], ["classification"], [new Objective("classification", ObjectiveDirection.Maximize)], [], 1)]);
        var env = fixture.Environment.ToDictionary();
        var runsBefore = (await fixture.Reader.ListAsync(10_000)).Count;

        var unknown = await NaspCli.RunAsync(env, "replay", parentId.ToString(), "--fork", "--with", "colour=red");
        var outOfBounds = await NaspCli.RunAsync(env, "replay", parentId.ToString(), "--fork", "--with", "population=2");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown setting 'colour'", unknown.Output, StringComparison.Ordinal);
        Assert.Contains("Valid --with keys: seed, population, generations, iterations, adapt, initial", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(2, outOfBounds.ExitCode);
        Assert.Contains("The NSGA-III population must be between 4 and 1000, not 2.", outOfBounds.Output, StringComparison.Ordinal);
        Assert.Contains("Valid --with keys", outOfBounds.Output, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(runsBefore, (await fixture.Reader.ListAsync(10_000)).Count);
    }

    [Fact]
    public async Task The_search_stage_refuses_to_start_with_a_bad_configured_budget()
    {
        var env = new Dictionary<string, string>(fixture.Environment) { ["Search__Population"] = "3", ["Search__Generations"] = "many" };
        await using var search = ChildProcess.StartDll(RepoPaths.StageDll("Stages.Search"), env);

        var code = await search.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("error: Search__Generations must be a whole number, not 'many'.", search.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Bus started", search.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", search.Output, StringComparison.Ordinal);
    }

    private async Task<ChildProcess> StartSearchAsync(params (string Key, string Value)[] settings)
    {
        var env = new Dictionary<string, string>(fixture.Environment);
        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }

        await StageQueues.PurgeAsync("nasp-search");
        var process = ChildProcess.StartDll(RepoPaths.StageDll("Stages.Search"), env);
        await process.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        return process;
    }

    private async Task<List<object>> CompletedAsync(Guid runId, ChildProcess search)
    {
        await Eventually.TrueAsync(async () => (await fixture.Reader.EventsAsync(runId)).Any(e => e.Data is SearchCompleted or SubmissionRejected or RunFailed),
            TimeSpan.FromSeconds(180), $"run {runId} to finish; search output:\n{search.Output}");
        var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();
        Assert.IsType<SearchCompleted>(stream[^1]);
        return stream;
    }
}
