using NasPipeline.Contracts.Events;
using NasPipeline.Prediction.Defaults;
using NasPipeline.Prediction.Registry;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Shared.Onnx;
using NasPipeline.Prediction.Store;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Tests.Cli;

/// <summary>
/// A user's path from labelled points to a finished search, with the real `nasp`: import points of a built-in space,
/// train and register a task's predictor, submit a point; or submit with no predictor registered, scored by the
/// default one. Every stage runs in the CLI's process.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PredictCommandsTests(PipelineFixture fixture)
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");

    [Fact]
    public async Task A_registered_predictor_carries_a_point_submission_to_a_completed_search_that_replays_identically()
    {
        var env = NaspCli.Embedded(fixture);
        env["OMP_WAIT_POLICY"] = "PASSIVE";
        var folder = Directory.CreateTempSubdirectory("nasp-predict-").FullName;
        try
        {
            var jsonl = await ImportPointsAsync(env, folder);
            var train = await NaspCli.RunAsync(env, "predictor", "train", "--data", jsonl, "--task", "accuracy", "--for", "predict-test",
                "--epochs", "5", "--pretrain-epochs", "5", "--adapters", "2");
            Assert.True(train.ExitCode == 0, train.Output);
            Assert.Matches(@"registered gnn-adapter for 'predict-test' \(blob [0-9a-f]{12}\): 19 training labels, validation SRCC -?[01]\.\d{3} on 5 held out", train.Output);
            var list = await NaspCli.RunAsync(env, "predictor", "list");
            Assert.Matches(@"(?m)^predict-test\s+gnn-adapter\s+blob [0-9a-f]{12}\s+19 labels", list.Output);

            var point = $"{Space.Name}:{string.Join(',', Space.Repair(Space.Sample(new Random(8))))}";
            var submit = await NaspCli.RunAsync(env, "submit", "--point", point, "--tasks", "predict-test", "--seed", "3",
                "--population", "8", "--generations", "2", "--initial", "4", "--wait");

            Assert.True(submit.ExitCode == 0, submit.Output);
            Assert.Contains("gnn-adapter for predict-test trained: v1, 19 samples", submit.Output, StringComparison.Ordinal);
            Assert.Contains("(generation 0, predictor v1)", submit.Output, StringComparison.Ordinal);
            Assert.Contains("search completed", submit.Output, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^status\s+completed", submit.Output);

            var runId = NaspCli.RunIdOf(submit.Output);
            var replay = await NaspCli.RunAsync(env, "replay", runId, "--redrive");
            Assert.True(replay.ExitCode == 0, replay.Output);
            Assert.Matches(@"re-drove the search: \d+ decisions, all identical", replay.Output);
            Assert.Matches(@"re-scored \d+ candidates with the recorded predictor versions: all identical", replay.Output);

            await ExportsTheFrontAsync(env, runId, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_task_nobody_registered_a_predictor_for_completes_scored_by_the_default_which_a_second_run_reuses()
    {
        var env = NaspCli.Embedded(fixture);
        env["OMP_WAIT_POLICY"] = "PASSIVE";
        string[] Submit(int seed) => ["submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--tasks", "denoising",
            "--seed", $"{seed}", "--population", "4", "--generations", "2", "--wait"];

        var first = await NaspCli.RunAsync(env, Submit(1));

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Matches(@"(?m)^status\s+completed", first.Output);
        var trainCount = SmallDefaultPredictor.Architectures * 4 / 5;
        Assert.Contains($"gnn-adapter for denoising trained: v1, {trainCount} samples, SRCC", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^predictor\s+denoising: gnn-adapter v1 \(" + trainCount + @" samples, SRCC -?\d\.\d{3}\), default: AIO-P GNN pretrained on " +
            @"NAS-Bench-Macro mean_acc \(bundled data/nas-bench-macro_cifar10.csv, " + SmallDefaultPredictor.Architectures + " architectures", first.Output);
        var registry = new PredictorRegistry(fixture.Store);
        var stored = (await registry.FindAsync(DefaultPredictor.RegistrationId))!;
        var list = await NaspCli.RunAsync(env, "predictor", "list");
        Assert.Matches(@"(?m)^\(default\)\s+gnn-adapter\s+blob " + stored.WeightsBlobHash[..12], list.Output);

        var second = await NaspCli.RunAsync(env, Submit(2));

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Matches(@"(?m)^status\s+completed", second.Output);
        foreach (var output in new[] { first.Output, second.Output })
        {
            var events = await fixture.Reader.EventsAsync(Guid.Parse(NaspCli.RunIdOf(output)));
            Assert.Equal(stored.WeightsBlobHash, events.Select(e => e.Data).OfType<AdapterTrained>().Single().WeightsBlobHash);
        }

        var after = (await registry.FindAsync(DefaultPredictor.RegistrationId))!;
        Assert.Equal((stored.WeightsBlobHash, stored.RegisteredAt), (after.WeightsBlobHash, after.RegisteredAt));

        var replay = await NaspCli.RunAsync(env, "replay", NaspCli.RunIdOf(first.Output), "--redrive");
        Assert.True(replay.ExitCode == 0, replay.Output);
        Assert.Matches(@"re-drove the search: \d+ decisions, all identical", replay.Output);
        Assert.Matches(@"re-scored \d+ candidates with the recorded predictor versions: all identical", replay.Output);
    }

    [Fact]
    public async Task With_the_default_predictor_off_a_task_with_no_registered_predictor_fails_the_run_with_the_way_out()
    {
        var point = $"{Space.Name}:{string.Join(',', Space.Smallest)}";
        var env = NaspCli.Embedded(fixture);
        env["Predict__DefaultPredictor"] = "off";

        var submit = await NaspCli.RunAsync(env, "submit", "--point", point, "--tasks", "denoising",
            "--population", "4", "--generations", "1", "--initial", "0", "--wait");

        Assert.True(submit.ExitCode == 1, submit.Output);
        Assert.Matches(@"(?m)^status\s+failed", submit.Output);
        Assert.Contains("No predictor for task 'denoising' (the default predictor is off)", submit.Output, StringComparison.Ordinal);
        Assert.Contains("nasp predictor train", submit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", submit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submitted_onnx_network_is_mutated_by_the_search_stage_scored_by_predict_and_replays_identically()
    {
        var env = NaspCli.Embedded(fixture);
        env["OMP_WAIT_POLICY"] = "PASSIVE";
        var task = "mutation-test";
        var folder = Directory.CreateTempSubdirectory("nasp-mutate-").FullName;
        try
        {
            var jsonl = await ImportPointsAsync(env, folder);
            var train = await NaspCli.RunAsync(env, "predictor", "train", "--data", jsonl, "--task", "accuracy", "--for", task,
                "--epochs", "3", "--pretrain-epochs", "3", "--adapters", "1");
            Assert.True(train.ExitCode == 0, train.Output);

            var submit = await NaspCli.RunAsync(env, "submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28",
                "--tasks", task, "--constraint", "macs<=0.99x", "--seed", "4", "--population", "6", "--generations", "4", "--wait");

            Assert.True(submit.ExitCode == 0, submit.Output);
            Assert.Matches(@"search completed: kept network macs [\d,]+, mutation-test -?\d+\.\d{4}, params [\d,]+, its ONNX is blob [0-9a-f]{64}", submit.Output);
            Assert.Matches(@"(?m)^status\s+completed", submit.Output);

            var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
            var stream = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();
            var graph = stream.OfType<GraphExtracted>().Single();
            var requests = stream.OfType<Contracts.Commands.ScoreCandidates>().ToList();
            Assert.Equal([Candidate.Graph(graph.GraphBlobHash)], requests[0].Candidates);
            Assert.True(requests.Count >= 2, "no round of mutants was scored");
            foreach (var candidate in requests.SelectMany(r => r.Candidates))
            {
                Assert.Equal(CandidateKind.GraphBlob, candidate.Kind);
                Assert.NotNull(await fixture.Blobs.GetAsync(candidate.Name));
            }

            // The kept network is no larger than the submitted one, keeps its predicted metric, and is stored as ONNX.
            var completed = stream.OfType<SearchCompleted>().Single();
            var scores = stream.OfType<CandidateScored>().SelectMany(s => s.Scores).ToList();
            var original = scores.First(s => s.Candidate.Name == graph.GraphBlobHash).Metrics[task];
            var kept = completed.Front.Single();
            Assert.True(kept.Objectives["macs"] <= graph.Macs);
            Assert.True(kept.Objectives[task] >= original);
            var onnx = await fixture.Blobs.GetAsync(completed.ModelBlobHash!);
            Assert.Equal((long)kept.Objectives["macs"], new ComputationGraph.OnnxGraphExtractor().Extract(onnx!, new ComputationGraph.ExtractionOptions
            {
                InputShapes = [ComputationGraph.InputShape.Parse("1x1x28x28")],
            }).TotalMacs);

            var replay = await NaspCli.RunAsync(env, "replay", runId.ToString(), "--redrive");
            Assert.True(replay.ExitCode == 0, replay.Output);
            Assert.Matches(@"re-drove the search: \d+ decisions, all identical", replay.Output);
            Assert.Matches(@"re-scored \d+ candidates with the recorded predictor versions: all identical", replay.Output);

            // The user takes the kept network home.
            var file = Path.Combine(folder, "kept.onnx");
            var get = await NaspCli.RunAsync(env, "blob", "get", completed.ModelBlobHash!, "--out", file);
            Assert.True(get.ExitCode == 0, get.Output);
            Assert.Equal(onnx, await File.ReadAllBytesAsync(file));
            var missing = await NaspCli.RunAsync(env, "blob", "get", new string('0', 64), "--out", file);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains($"no blob {new string('0', 64)}", missing.Output, StringComparison.Ordinal);

            // ... or as `nasp export RUN`: the same file, weights sliced from the submitted model, and ONNX Runtime runs it.
            Assert.Contains("(all weights are the submitted model's (sliced where the network shrank))", submit.Output, StringComparison.Ordinal);
            var exported = Path.Combine(folder, "exported.onnx");
            var export = await NaspCli.RunAsync(env, "export", runId.ToString(), "--out", exported);
            Assert.True(export.ExitCode == 0, export.Output);
            Assert.Contains("weights: all weights are the submitted model's", export.Output, StringComparison.Ordinal);
            Assert.Equal(onnx, await File.ReadAllBytesAsync(exported));
            Assert.Equal([1L, 10], OnnxRuntimeRun.OnRandomInput(onnx!, seed: 1).Values.Single().Shape);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// `nasp export RUN` writes the front member best in the run's objective (or `--candidate`) as a runnable network:
    /// seeded from the run's seed while the run has no supernet, inherited from the supernet `supernet train --run`
    /// records in it afterwards. ONNX Runtime runs each file; its metadata names the point and the weights.
    /// </summary>
    private async Task ExportsTheFrontAsync(Dictionary<string, string> env, string runId, string folder)
    {
        var stream = (await fixture.Reader.EventsAsync(Guid.Parse(runId))).Select(e => e.Data).ToList();
        var front = stream.OfType<Contracts.Events.SearchCompleted>().Single().Front;
        var best = front.OrderByDescending(m => m.Objectives["predict-test"]).ThenBy(m => m.Objectives["macs"]).ThenBy(m => m.Candidate.Name, StringComparer.Ordinal).First();
        var file = Path.Combine(folder, "best.onnx");

        var export = await NaspCli.RunAsync(env, "export", runId, "--out", file);

        Assert.True(export.ExitCode == 0, export.Output);
        Assert.Contains($"to {file}: {best.Candidate} (", export.Output, StringComparison.Ordinal);
        Assert.Contains("weights: seeded initialisation of the mbv3-28 supernet (seed 3), not trained", export.Output, StringComparison.Ordinal);
        var onnx = await File.ReadAllBytesAsync(file);
        Assert.Equal(best.Candidate.Name, OnnxRuntimeRun.Metadata(onnx)["nasp.point"]);
        Assert.Equal(4, OnnxRuntimeRun.OnRandomInput(onnx, seed: 1).Count);

        var other = front.Last().Candidate.Name;
        var picked = await NaspCli.RunAsync(env, "export", runId, "--candidate", other, "--out", file);
        Assert.True(picked.ExitCode == 0, picked.Output);
        Assert.Equal(other, OnnxRuntimeRun.Metadata(await File.ReadAllBytesAsync(file))["nasp.point"]);

        var train = await NaspCli.RunAsync(env, "supernet", "train", "--train-images", "64", "--batch", "32", "--eval-images", "64", "--seed", "3", "--run", runId,
            "--out", Path.Combine(folder, "supernet.ckpt"));
        Assert.True(train.ExitCode == 0, train.Output);
        var inherited = await NaspCli.RunAsync(env, "export", runId, "--out", file);
        Assert.True(inherited.ExitCode == 0, inherited.Output);
        Assert.Matches(@"weights: inherited from supernet checkpoint blob [0-9a-f]{12} \(the run's classification supernet\) \(mbv3-28 trained for classification, 1 epochs, seed 3\)", inherited.Output);
        Assert.All(OnnxRuntimeRun.OnRandomInput(await File.ReadAllBytesAsync(file), seed: 1).Values, o => Assert.All(o.Values, v => Assert.True(float.IsFinite(v))));
    }

    /// <summary>24 seeded points with a label that grows with the genes, through `nasp data import mbv3-28`.</summary>
    private static async Task<string> ImportPointsAsync(Dictionary<string, string> env, string folder)
    {
        var random = new Random(12);
        var rows = Enumerable.Range(0, 24).Select(_ => Space.Repair(Space.Sample(random)))
            .Select(g => $"\"{Space.Name}:{string.Join(',', g)}\",{0.6 + g.Sum() / 200.0:F4}").Distinct();
        var csv = Path.Combine(folder, "points.csv");
        await File.WriteAllTextAsync(csv, "candidate,accuracy\n" + string.Join('\n', rows) + "\n");
        var jsonl = Path.Combine(folder, "points.jsonl");
        var import = await NaspCli.RunAsync(env, "data", "import", Space.Name, csv, "--out", jsonl);
        Assert.True(import.ExitCode == 0, import.Output);
        return jsonl;
    }
}
