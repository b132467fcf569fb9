using NasPipeline.Contracts.Events;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Vision.Tasks;
using RotationTaskPlugin;

namespace NasPipeline.Tests.PseudoLabels;

/// <summary>
/// Adding a task is a plug-in (README, "Adding a task"): `tests/TaskPlugins.Rotation`, a class library the pipeline does
/// not reference, named in <c>Tasks__Plugins</c> when `nasp` starts. With it, a point run on classification and rotation
/// gets a shared rotation head, rotation pseudo-labels, a rotation predictor refit on them and a front on both tasks,
/// with no stage changed; without it, the task is unknown.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class TaskPluginRunTests(PipelineFixture fixture)
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");

    private static readonly string Plugin = typeof(RotationTask).Assembly.Location;

    [Fact]
    public async Task A_task_loaded_from_a_plugin_gets_a_shared_head_pseudo_labels_a_refit_predictor_and_a_place_in_the_front()
    {
        var env = Environment();
        var point = $"{Space.Name}:{string.Join(',', Space.Repair(Space.Sample(new Random(5))))}";
        string[] run = ["submit", "--point", point, "--tasks", "classification,rotation", "--pseudo-labels", "8",
            "--population", "6", "--generations", "1", "--initial", "3", "--seed", "12", "--wait"];

        var unknown = await NaspCli.RunAsync(env, run);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Task 'rotation' is unknown", unknown.Output, StringComparison.Ordinal);

        env[TaskPlugins.Variable] = Plugin;
        var tasks = await NaspCli.RunAsync(env, "tasks");
        Assert.True(tasks.ExitCode == 0, tasks.Output);
        Assert.Contains(tasks.Output.Split('\n'), l => l.StartsWith("rotation ", StringComparison.Ordinal) && l.Contains("top1", StringComparison.Ordinal));

        var submit = await NaspCli.RunAsync(env, run);
        Assert.True(submit.ExitCode == 0, submit.Output);
        var stream = (await fixture.Reader.EventsAsync(Guid.Parse(NaspCli.RunIdOf(submit.Output)))).Select(e => e.Data).ToList();
        Assert.Empty(stream.OfType<RunFailed>());
        var head = Assert.Single(stream.OfType<SharedHeadTrained>(), h => h.Task == "rotation");
        Assert.NotNull(await fixture.Blobs.GetAsync(head.HeadBlobHash));
        var labels = stream.OfType<PseudoLabelReady>().Where(r => r.Task == "rotation").ToList();
        Assert.Equal(8, labels.Count);
        Assert.All(labels, l => Assert.InRange(Assert.Single(l.Labels).Value, 0.0, 1.0));
        var refit = stream.OfType<AdapterTrained>().First(a => a.Task == "rotation");
        Assert.Equal(8, refit.SampleCount);
        Assert.Contains("refit on 8 labels", refit.Source, StringComparison.Ordinal);
        var completed = stream.OfType<SearchCompleted>().Single();
        Assert.NotEmpty(completed.Front);
        Assert.All(completed.Front, m => Assert.True(m.Objectives.ContainsKey("rotation"), string.Join(", ", m.Objectives.Keys)));
    }

    [Fact]
    public async Task A_plugin_that_cannot_be_loaded_stops_the_command_with_one_line_naming_the_variable()
    {
        var env = Environment();
        env[TaskPlugins.Variable] = "/nowhere/Tasks.dll";

        var submit = await NaspCli.RunAsync(env, "submit", "--point", $"{Space.Name}:{string.Join(',', Space.Smallest)}", "--tasks", "classification");
        var tasks = await NaspCli.RunAsync(env, "tasks");

        foreach (var result in new[] { submit, tasks })
        {
            Assert.True(result.ExitCode == 2, result.Output);
            var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries);
            Assert.Contains("error: Tasks__Plugins: '/nowhere/Tasks.dll' does not exist.", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        }
    }

    private Dictionary<string, string> Environment()
    {
        var env = NaspCli.Embedded(fixture);
        foreach (var (key, value) in PseudoLabelRunTests.Budget.Concat(SmallDefaultPredictor.Environment))
        {
            env[key] = value;
        }

        return env;
    }
}
