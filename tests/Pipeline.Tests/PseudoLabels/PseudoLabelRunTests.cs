using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.PseudoLabels;

/// <summary>
/// AIO-P's pseudo-labels in a run, every stage real (`nasp` with the stages in its process, over PostgreSQL): a point run
/// on classification and segmentation asks for 8 pseudo-labels per task before generation 0; the PseudoLabel stage
/// trains one shared head per task and labels each network from it; the Predict stage refits each task's predictor on
/// its 8 labels; the search ends with a front on both tasks.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PseudoLabelRunTests(PipelineFixture fixture)
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");

    /// <summary>Heads of 4 steps, labels of 2 fine-tune steps on 16 images, measured on 64: seconds per label.</summary>
    internal static readonly Dictionary<string, string> Budget = new()
    {
        ["PseudoLabel__HeadSteps"] = "4",
        ["PseudoLabel__FineTuneSteps"] = "2",
        ["PseudoLabel__BatchSize"] = "16",
        ["PseudoLabel__PopulationSize"] = "2",
        ["PseudoLabel__Bins"] = "2",
        ["PseudoLabel__TrainImages"] = "256",
        ["PseudoLabel__EvaluationImages"] = "64",
        ["PseudoLabel__DefaultSupernetImages"] = "256",
        ["PseudoLabel__Threads"] = "1",
        ["OMP_WAIT_POLICY"] = "PASSIVE",
    };

    [Fact]
    public async Task A_point_run_with_pseudo_labels_refits_each_tasks_predictor_on_them_before_generation_0_and_ends_with_a_front_on_both_tasks()
    {
        var env = NaspCli.Embedded(fixture);
        foreach (var (key, value) in Budget.Concat(SmallDefaultPredictor.Environment))
        {
            env[key] = value;
        }

        var point = $"{Space.Name}:{string.Join(',', Space.Repair(Space.Sample(new Random(21))))}";
        var submit = await NaspCli.RunAsync(env, "submit", "--point", point, "--tasks", "classification,segmentation", "--pseudo-labels", "8",
            "--population", "6", "--generations", "1", "--initial", "3", "--seed", "11", "--wait");
        Assert.True(submit.ExitCode == 0, submit.Output);
        var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
        var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();

        Assert.Empty(stream.OfType<RunFailed>());
        var asked = stream.OfType<PseudoLabelRequested>().ToList();
        var ready = stream.OfType<PseudoLabelReady>().ToList();
        var heads = stream.OfType<SharedHeadTrained>().ToDictionary(h => h.Task);
        Assert.Equal(["classification", "segmentation"], heads.Keys.Order());
        foreach (var task in heads.Keys)
        {
            var networks = asked.Where(a => a.Task == task).Select(a => a.Architecture.Name).ToList();
            Assert.Equal(8, networks.Distinct().Count());
            Assert.Contains(CandidateCodec.Encode(Space.Name, Space.Smallest), networks);
            Assert.Contains(CandidateCodec.Encode(Space.Name, Space.Largest), networks);
            Assert.NotNull(await fixture.Blobs.GetAsync(heads[task].HeadBlobHash));
            var labels = ready.Where(r => r.Task == task).ToList();
            Assert.Equal(asked.Where(a => a.Task == task).Select(a => a.RequestId).Order(), labels.Select(l => l.RequestId).Order());
            Assert.All(labels, l => Assert.Equal((heads[task].HeadBlobHash, heads[task].SupernetBlobHash), (l.HeadBlobHash, l.SupernetBlobHash)));
            Assert.All(labels, l => Assert.InRange(Assert.Single(l.Labels).Value, 0.0, 1.0));
            Assert.All(labels, l => Assert.True(l.Seconds > 0, $"a label cost {l.Seconds} s"));

            var refit = stream.OfType<AdapterTrained>().First(a => a.Task == task);
            Assert.Equal(8, refit.SampleCount);
            Assert.Contains("refit on 8 labels", refit.Source, StringComparison.Ordinal);
        }

        // Every label is in before the first scoring, and the first scoring used the refit predictors.
        var firstScoring = stream.FindIndex(e => e is ScoreCandidates);
        Assert.True(stream.FindLastIndex(e => e is PseudoLabelReady) < firstScoring, "a pseudo-label arrived after generation 0 was asked for");
        Assert.True(stream.FindLastIndex(e => e is AdapterTrained) < stream.FindIndex(e => e is CandidateScored), "a predictor was refit after the first scores");

        var completed = stream.OfType<SearchCompleted>().Single();
        Assert.NotEmpty(completed.Front);
        Assert.All(completed.Front, m => Assert.True(m.Objectives.ContainsKey("classification") && m.Objectives.ContainsKey("segmentation"),
            string.Join(", ", m.Objectives.Keys)));
        Assert.Contains("shared segmentation head trained", submit.Output, StringComparison.Ordinal);
        var redrive = SearchRedrive.Check(stream, SearchSpaceRegistry.CreateDefault());
        Assert.True(redrive.Identical, $"{redrive.Recorded}\n!=\n{redrive.Redriven}");
    }

    [Fact]
    public async Task An_onnx_run_with_pseudo_labels_adapts_its_tasks_gnn_to_the_labels_of_the_model_and_its_mutants_before_scoring_the_original()
    {
        var env = NaspCli.Embedded(fixture);
        foreach (var (key, value) in Budget.Concat(SmallDefaultPredictor.Environment))
        {
            env[key] = value;
        }

        var submit = await NaspCli.RunAsync(env, "submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--tasks", "segmentation",
            "--pseudo-labels", "8", "--population", "4", "--generations", "1", "--seed", "5", "--wait");
        Assert.True(submit.ExitCode == 0, submit.Output);
        var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
        var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();

        Assert.Empty(stream.OfType<RunFailed>());
        var asked = stream.OfType<PseudoLabelRequested>().ToList();
        Assert.Equal(8, asked.Select(a => a.Architecture).Distinct().Count());
        Assert.All(asked, a => Assert.NotNull(a.ModelBlobHash));
        Assert.Equal(stream.OfType<GraphExtracted>().Single().GraphBlobHash, asked[0].Architecture.Name);
        var head = Assert.Single(stream.OfType<SharedHeadTrained>());
        Assert.Equal("mbv3-28", head.Space);
        var ready = stream.OfType<PseudoLabelReady>().ToList();
        Assert.Equal(asked.Select(a => a.RequestId).Order(), ready.Select(r => r.RequestId).Order());
        Assert.All(ready, r => Assert.InRange(Assert.Single(r.Labels).Value, 0.0, 1.0));

        // The default GNN is adopted and adapted to the 8 labels in one plan, before the original is scored.
        var trained = stream.OfType<AdapterTrained>().Where(a => a.Task == "segmentation").ToList();
        Assert.Contains("refit on 8 labels", trained[1].Source, StringComparison.Ordinal);
        Assert.True(stream.FindLastIndex(e => e is PseudoLabelReady) < stream.FindIndex(e => e is ScoreCandidates), "the original was scored before its labels");
        Assert.True(stream.IndexOf(trained[1]) < stream.FindIndex(e => e is CandidateScored), "the first scores came before the refit");
        Assert.Single(stream.OfType<SearchCompleted>());
        var redrive = await NaspCli.RunAsync(env, "replay", runId.ToString(), "--redrive");
        Assert.True(redrive.ExitCode == 0 && redrive.Output.Contains("all identical", StringComparison.Ordinal), redrive.Output);
    }
}
