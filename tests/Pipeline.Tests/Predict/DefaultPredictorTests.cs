using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Defaults;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Registry;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Prediction.Store;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Tests.Predict;

/// <summary>
/// AIO-P's all-in-one start against the real event store, blob store and registry: a task nobody registered a predictor
/// for is scored by the default one, trained on first use from the bundled NAS-Bench-Macro table (at the tests' small
/// size), stored, registered, and reused by later runs and other processes.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class DefaultPredictorTests(PipelineFixture fixture)
{
    private readonly PredictTestKit _kit = new(fixture);

    [Fact]
    public async Task A_task_nobody_registered_is_scored_by_the_default_and_the_run_says_so()
    {
        var task = $"unregistered-{Guid.NewGuid():N}"[..24];
        var run = await _kit.StartRunAsync(task);
        var candidates = PredictTestKit.Points(4, seed: 31);

        var published = await _kit.Service().ScoreAsync(Request(run.RunId, task, candidates), default);

        var stored = (await _kit.Registry.FindAsync(DefaultPredictor.RegistrationId))!;
        var adopted = Assert.IsType<AdapterTrained>(published[0]);
        Assert.Equal((task, ModelKinds.GnnAdapter, 1, stored.WeightsBlobHash), (adopted.Task, adopted.Model, adopted.Version, adopted.WeightsBlobHash));
        Assert.StartsWith("default: AIO-P GNN pretrained on NAS-Bench-Macro mean_acc (bundled data/nas-bench-macro_cifar10.csv, " +
            $"{SmallDefaultPredictor.Architectures} architectures", adopted.Source, StringComparison.Ordinal);
        Assert.Equal(stored.SampleCount, adopted.SampleCount);
        Assert.Equal(SmallDefaultPredictor.Architectures * 4 / 5, stored.SampleCount);

        // Independently: the stored blob, loaded afresh, gives the scores the run recorded.
        using var predictor = TaskPredictor.FromBytes((await fixture.Blobs.GetAsync(stored.WeightsBlobHash))!);
        var samples = new List<GnnSample>();
        foreach (var candidate in candidates)
        {
            samples.Add(GnnSample.Of(await _kit.Resolver.GraphAsync(candidate, default)));
        }

        var expected = predictor.Score(samples);
        var scores = published.Skip(1).Cast<CandidateScored>().SelectMany(b => b.Scores).ToList();
        Assert.Equal(candidates, scores.Select(s => s.Candidate));
        for (var i = 0; i < candidates.Count; i++)
        {
            Assert.Equal(expected[i].Mean, scores[i].Metrics[task], 9);
        }
    }

    [Fact]
    public async Task A_second_run_in_a_fresh_process_adopts_the_stored_default_without_training_again()
    {
        var first = await _kit.Default().GetAsync(default);
        var log = new CollectingLogger<DefaultPredictor>();
        var task = $"again-{Guid.NewGuid():N}"[..20];
        var run = await _kit.StartRunAsync(task);

        var published = await _kit.Service(_kit.Default(log)).ScoreAsync(Request(run.RunId, task, PredictTestKit.Points(2, seed: 4)), default);

        var adopted = Assert.IsType<AdapterTrained>(published[0]);
        Assert.Equal(first!.WeightsBlobHash, adopted.WeightsBlobHash);
        var stored = (await _kit.Registry.FindAsync(DefaultPredictor.RegistrationId))!;
        Assert.Equal((first.WeightsBlobHash, first.RegisteredAt, first.Recipe), (stored.WeightsBlobHash, stored.RegisteredAt, stored.Recipe));
        Assert.DoesNotContain(log.Lines, l => l.Contains("training", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_replicas_that_need_a_new_default_at_once_train_it_once()
    {
        // A recipe no other test uses, so neither replica finds it stored and both race for the lock.
        var settings = _kit.Settings with { DefaultPredictorArchitectures = SmallDefaultPredictor.Architectures + 2 };
        var logs = new[] { new CollectingLogger<DefaultPredictor>(), new CollectingLogger<DefaultPredictor>() };
        var replicas = logs.Select(log => new DefaultPredictor(settings, _kit.Registry, fixture.Blobs, fixture.Settings, log)).ToList();

        var found = await Task.WhenAll(replicas.Select(r => r.GetAsync(default)));

        Assert.Equal(found[0]!.WeightsBlobHash, found[1]!.WeightsBlobHash);
        Assert.Equal(1, logs.Sum(l => l.Lines.Count(line => line.StartsWith("Default predictor: training", StringComparison.Ordinal))));
        Assert.Contains(logs.SelectMany(l => l.Lines), l => l.StartsWith("Default predictor: base: epoch", StringComparison.Ordinal));
        Assert.Equal(SmallDefaultPredictor.Architectures + 2, DefaultPredictorTraining.Load(DefaultPredictorRecipe.From(settings)).Count);

        // Back to the suite's recipe: a changed recipe is trained anew, not served stale.
        var back = await _kit.Default().GetAsync(default);
        Assert.NotEqual(found[0]!.Recipe, back!.Recipe);
    }

    [Fact]
    public async Task A_registered_predictor_wins_over_the_default()
    {
        var task = $"registered-{Guid.NewGuid():N}"[..24];
        var registered = await _kit.RegisterGnnAsync(task);
        var run = await _kit.StartRunAsync(task);

        var published = await _kit.Service().ScoreAsync(Request(run.RunId, task, PredictTestKit.Points(2, seed: 6)), default);

        var adopted = Assert.IsType<AdapterTrained>(published[0]);
        Assert.Equal(registered.WeightsBlobHash, adopted.WeightsBlobHash);
        Assert.Equal($"registered for {task}: test points: label", adopted.Source);
    }

    [Fact]
    public async Task Labels_refit_a_default_scored_task_and_later_scores_use_the_refit()
    {
        var task = $"refit-{Guid.NewGuid():N}"[..20];
        var run = await _kit.StartRunAsync(task);
        var service = _kit.Service();
        var candidates = PredictTestKit.Points(3, seed: 12);
        Assert.StartsWith("default: ", Assert.IsType<AdapterTrained>((await service.ScoreAsync(Request(run.RunId, task, candidates), default))[0]).Source,
            StringComparison.Ordinal);

        var labelled = PredictTestKit.Points(_kit.Settings.MinRefitSamples + 2, seed: 13);
        foreach (var candidate in labelled)
        {
            await fixture.Writer.AppendAsync(run.RunId, [PredictTestKit.Measured(run.RunId, candidate, task)]);
        }

        var rescored = await service.ScoreAsync(Request(run.RunId, task, candidates, generation: 1), default);

        var refit = Assert.IsType<AdapterTrained>(rescored[0]);
        Assert.Equal((2, ModelKinds.Rbf, $"refit on {labelled.Count} labels of this run"), (refit.Version, refit.Model, refit.Source));
        Assert.All(rescored.Skip(1), e => Assert.Equal(2, Assert.IsType<CandidateScored>(e).PredictorVersion));
    }

    [Fact]
    public async Task A_default_scored_run_re_scores_identically_from_its_recorded_versions()
    {
        var task = $"redrive-{Guid.NewGuid():N}"[..20];
        var run = await _kit.StartRunAsync(task);
        var request = Request(run.RunId, task, PredictTestKit.Points(5, seed: 17));
        await fixture.Writer.AppendAsync(run.RunId, [request]);
        await _kit.Service().ScoreAsync(request, default);
        var events = (await fixture.Reader.EventsAsync(run.RunId)).Select(e => e.Data).ToList();
        Assert.StartsWith("default: ", events.OfType<AdapterTrained>().Single().Source, StringComparison.Ordinal);

        // A fresh cache: the model is reloaded from the blob the run recorded.
        var report = await new PredictionRedrive(new ModelCache(fixture.Blobs), _kit.Resolver).CheckAsync(events, default);

        Assert.True(report.Identical, report.FirstMismatch);
        Assert.Equal((5, 1, 0), (report.Candidates, report.Requests, report.Skipped));
    }

    [Fact]
    public async Task With_the_default_off_a_task_without_a_predictor_fails_the_run_with_the_command_that_registers_one()
    {
        var kit = new PredictTestKit(fixture) { Settings = _kit.Settings with { DefaultPredictor = PredictSettings.DefaultPredictorOff } };
        var task = $"no-predictor-{Guid.NewGuid():N}";
        var run = await kit.StartRunAsync(task);

        var published = await kit.Service().ScoreAsync(Request(run.RunId, task, PredictTestKit.Points(2, 1)), default);

        var failed = Assert.IsType<RunFailed>(Assert.Single(published));
        Assert.StartsWith("NoPredictor:", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("the default predictor is off", failed.Reason, StringComparison.Ordinal);
        Assert.Contains($"nasp predictor train --data DATA.jsonl --task METRIC --for {task}", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_data_file_fails_the_run_with_the_setting_to_fix()
    {
        var kit = new PredictTestKit(fixture) { Settings = _kit.Settings with { DefaultPredictor = "/nonexistent/macro.csv" } };
        var task = $"no-data-{Guid.NewGuid():N}"[..20];
        var run = await kit.StartRunAsync(task);

        var published = await kit.Service().ScoreAsync(Request(run.RunId, task, PredictTestKit.Points(2, 1)), default);

        var failed = Assert.IsType<RunFailed>(Assert.Single(published));
        Assert.StartsWith("NoPredictor: The default predictor's data file cannot be read", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("Predict__DefaultPredictor", failed.Reason, StringComparison.Ordinal);
    }

    private static ScoreCandidates Request(Guid runId, string task, IReadOnlyList<Candidate> candidates, int generation = 0) =>
        new(runId, Guid.NewGuid(), generation, [task], candidates);
}
