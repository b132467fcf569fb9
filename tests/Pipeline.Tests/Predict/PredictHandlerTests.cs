using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Registry;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Contracts.Model;
using NasPipeline.Latency;
using System.Security.Cryptography;

namespace NasPipeline.Tests.Predict;

/// <summary>The Predict stage's work against the real event store and blob store (the bus is left out: the consumers only forward).</summary>
[Collection(PipelineCollection.Name)]
public sealed class PredictHandlerTests(PipelineFixture fixture)
{
    private readonly PredictTestKit _kit = new(fixture);

    [Fact]
    public async Task The_registered_gnn_is_adopted_once_and_its_scores_equal_the_predictor_s_own_in_numbered_batches()
    {
        var task = $"gnn-{Guid.NewGuid():N}";
        var registered = await _kit.RegisterGnnAsync(task);
        var run = await _kit.StartRunAsync(task);
        var candidates = PredictTestKit.Points(7, seed: 21);
        var request = Request(run.RunId, task, candidates);

        var published = await _kit.Service().ScoreAsync(request, default);

        var adopted = Assert.IsType<AdapterTrained>(published[0]);
        Assert.Equal((task, ModelKinds.GnnAdapter, 1, registered.WeightsBlobHash), (adopted.Task, adopted.Model, adopted.Version, adopted.WeightsBlobHash));
        var batches = published.Skip(1).Cast<CandidateScored>().ToList();
        Assert.Equal([0, 1, 2], batches.Select(b => b.Batch));
        Assert.All(batches, b => Assert.Equal((3, 1, request.RequestId), (b.BatchCount, b.PredictorVersion, b.RequestId)));
        Assert.Equal(candidates, batches.SelectMany(b => b.Scores).Select(s => s.Candidate));

        // Independently: the registered blob, loaded afresh, scores the same graphs to the same values.
        using var predictor = TaskPredictor.FromBytes((await fixture.Blobs.GetAsync(registered.WeightsBlobHash))!);
        var samples = new List<GnnSample>();
        foreach (var candidate in candidates)
        {
            samples.Add(GnnSample.Of(await _kit.Resolver.GraphAsync(candidate, default)));
        }

        var expected = predictor.Score(samples);
        var scores = batches.SelectMany(b => b.Scores).ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            Assert.Equal(expected[i].Mean, scores[i].Metrics[task], 9);
            Assert.Equal(expected[i].Spread, scores[i].Uncertainty, 9);
            Assert.Equal(expected[i].Spread, scores[i].Spreads![task], 9);
        }

        // A redelivered request gets the stored outcome back, and a second request adopts nothing new.
        var again = await _kit.Service().ScoreAsync(request, default);
        Assert.Equal(published.Count, again.Count);
        var next = await _kit.Service().ScoreAsync(Request(run.RunId, task, candidates.Take(2).ToList(), generation: 1), default);
        Assert.All(next, e => Assert.Equal(1, Assert.IsType<CandidateScored>(e).PredictorVersion));
        var stream = await fixture.Reader.EventsAsync(run.RunId);
        Assert.Single(stream, e => e.Data is AdapterTrained);
    }

    [Fact]
    public async Task A_prediction_outside_the_predictor_s_metric_range_is_clamped_to_its_end_and_flagged()
    {
        var task = $"gnn-{Guid.NewGuid():N}";
        var registered = await _kit.RegisterGnnAsync(task);
        Assert.Equal(MetricRange.Percentage, registered.Range);
        var candidates = PredictTestKit.Points(8, seed: 23);
        using var predictor = TaskPredictor.FromBytes((await fixture.Blobs.GetAsync(registered.WeightsBlobHash))!);
        var samples = new List<GnnSample>();
        foreach (var candidate in candidates)
        {
            samples.Add(GnnSample.Of(await _kit.Resolver.GraphAsync(candidate, default)));
        }

        var raw = predictor.Score(samples).Select(p => p.Mean).ToList();
        // The same weights registered for a task whose metric ends at the predictions' median: half must be clamped.
        var end = raw.Order().ElementAt(raw.Count / 2);
        var narrow = $"narrow-{Guid.NewGuid():N}";
        await _kit.Registry.RegisterAsync(new TaskPredictorRegistration
        {
            Id = narrow, Model = registered.Model, WeightsBlobHash = registered.WeightsBlobHash, SampleCount = registered.SampleCount,
            ValidationSrcc = registered.ValidationSrcc, Seed = registered.Seed, TrainedOn = "a range ending at the median", RegisteredAt = DateTimeOffset.UtcNow,
            Range = new MetricRange(0, end),
        });
        var run = await _kit.StartRunAsync(narrow);

        var published = await _kit.Service().ScoreAsync(Request(run.RunId, narrow, candidates), default);

        Assert.Equal(new MetricRange(0, end), Assert.IsType<AdapterTrained>(published[0]).Range);
        var scores = published.Skip(1).Cast<CandidateScored>().SelectMany(b => b.Scores).ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (raw[i] > end)
            {
                Assert.Equal(end, scores[i].Metrics[narrow]);
                Assert.Equal([narrow], scores[i].Clamped!);
            }
            else
            {
                Assert.Equal(raw[i], scores[i].Metrics[narrow], 9);
                Assert.Null(scores[i].Clamped);
            }
        }

        Assert.Contains(scores, s => s.Clamped is not null);
        Assert.Contains(scores, s => s.Clamped is null);
    }

    [Fact]
    public async Task Measured_subnets_refit_nat_s_ensemble_and_later_scores_name_the_new_version()
    {
        var task = $"rbf-{Guid.NewGuid():N}";
        var run = await _kit.StartRunAsync(task);
        var labelled = PredictTestKit.Points(8, seed: 5);
        var service = _kit.Service();

        // Five labels are under the minimum of six: nothing is refit yet, but the labels are kept.
        foreach (var candidate in labelled.Take(5))
        {
            Assert.Empty(await _kit.LearnAsync(service, PredictTestKit.Measured(run.RunId, candidate, task)));
        }

        var sixth = PredictTestKit.Measured(run.RunId, labelled[5], task);
        var refit = Assert.IsType<AdapterTrained>(Assert.Single(await _kit.LearnAsync(service, sixth)));
        Assert.Equal((ModelKinds.Rbf, 1, 6), (refit.Model, refit.Version, refit.SampleCount));
        Assert.InRange(refit.ValidationSrcc, -1, 1);

        var trainingSet = RbfTrainingSet.FromBytes((await fixture.Blobs.GetAsync(refit.WeightsBlobHash))!);
        Assert.Equal(labelled.Take(6).OrderBy(c => c.Name, StringComparer.Ordinal).Select(PredictTestKit.Label), trainingSet.Targets);
        Assert.Equal(refit.Seed, trainingSet.Seed);

        var candidates = PredictTestKit.Points(4, seed: 99);
        var scored = (await service.ScoreAsync(Request(run.RunId, task, candidates), default)).Cast<CandidateScored>().ToList();
        Assert.All(scored, s => Assert.Equal(1, s.PredictorVersion));
        using var model = new RbfScoringModel(trainingSet);
        var expected = await model.ScoreAsync(candidates, _kit.Resolver, default);
        // Its labels (gene sums / 40) lie in [0, 100], so that is its metric's range: a prediction outside it is clamped and flagged.
        Assert.Equal(MetricRange.Percentage, refit.Range);
        Assert.Equal(expected.Select(e => Math.Clamp(e.Mean, 0, 100)), scored.SelectMany(s => s.Scores).Select(s => s.Metrics[task]));
        Assert.Equal(expected.Select(e => e.Mean is < 0 or > 100), scored.SelectMany(s => s.Scores).Select(s => s.Clamped is [var t] && t == task));

        // Two more labels: the next request refits first (version 2, eight samples) and scores with it.
        foreach (var candidate in labelled.Skip(6))
        {
            var adapted = PredictTestKit.Measured(run.RunId, candidate, task);
            await fixture.Writer.AppendAsync(run.RunId, [adapted]);
        }

        var rescored = await service.ScoreAsync(Request(run.RunId, task, candidates, generation: 1), default);
        var second = Assert.IsType<AdapterTrained>(rescored[0]);
        Assert.Equal((2, 8), (second.Version, second.SampleCount));
        Assert.All(rescored.Skip(1), e => Assert.Equal(2, Assert.IsType<CandidateScored>(e).PredictorVersion));
    }

    [Fact]
    public async Task A_candidate_that_is_neither_a_point_nor_a_stored_graph_fails_the_run_with_its_name()
    {
        var task = $"gnn-{Guid.NewGuid():N}";
        await _kit.RegisterGnnAsync(task);
        var run = await _kit.StartRunAsync(task);

        var published = await _kit.Service().ScoreAsync(Request(run.RunId, task, [Candidate.Point("no-such-space:1,2"), Candidate.Graph(new string('0', 64))]), default);

        var failed = Assert.IsType<RunFailed>(Assert.Single(published));
        Assert.StartsWith("UnknownCandidate:", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("'no-such-space:1,2'", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_scoring_with_the_recorded_versions_reproduces_every_score_and_catches_a_changed_one()
    {
        var task = $"rbf-{Guid.NewGuid():N}";
        var run = await _kit.StartRunAsync(task);
        var service = _kit.Service();
        foreach (var candidate in PredictTestKit.Points(6, seed: 8))
        {
            await _kit.LearnAsync(service, PredictTestKit.Measured(run.RunId, candidate, task));
        }

        // The Search stage appends its requests before Predict answers them; the test plays that part.
        var request = Request(run.RunId, task, PredictTestKit.Points(5, seed: 9));
        await fixture.Writer.AppendAsync(run.RunId, [request]);
        await service.ScoreAsync(request, default);
        var events = (await fixture.Reader.EventsAsync(run.RunId)).Select(e => e.Data).ToList();
        var redrive = new PredictionRedrive(_kit.Models, _kit.Resolver);

        var report = await redrive.CheckAsync(events, default);
        Assert.True(report.Identical, report.FirstMismatch);
        Assert.Equal((5, 1, 0), (report.Candidates, report.Requests, report.Skipped));

        var tampered = events.Select(e => e is CandidateScored { Batch: 1 } c
            ? c with { Scores = [c.Scores[0] with { Metrics = new Dictionary<string, double> { [task] = c.Scores[0].Metrics[task] + 1e-9 } }, .. c.Scores.Skip(1)] }
            : e).ToList();
        var caught = await redrive.CheckAsync(tampered, default);
        Assert.False(caught.Identical);
        Assert.Contains("generation 0", caught.FirstMismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_ranking_by_latency_gets_each_candidate_timed_recorded_and_cached_for_later_runs()
    {
        var task = $"gnn-{Guid.NewGuid():N}";
        await _kit.RegisterGnnAsync(task);
        var latency = new Objective(CostNames.Latency, ObjectiveDirection.Minimize);
        var first = await _kit.StartRunAsync([task], [latency]);
        var candidates = new[] { PredictTestKit.Point(PredictTestKit.Space.Smallest), PredictTestKit.Point(PredictTestKit.Space.Largest) };

        var scores = (await _kit.Service().ScoreAsync(Request(first.RunId, task, candidates), default)).OfType<CandidateScored>().SelectMany(b => b.Scores).ToList();

        var timed = scores.Select(s => Assert.IsType<MeasuredLatency>(s.Latency)).ToList();
        Assert.All(timed, t => Assert.Equal((1, 1, 5, ProcessorName.Current), (t.Threads, t.WarmupRuns, t.TimedRuns, t.Device)));
        Assert.All(timed, t => Assert.True(t.MedianMs > 0, $"{t.MedianMs} ms"));
        using var exporter = _kit.Latency;
        Assert.Equal(candidates.Select(c => Convert.ToHexStringLower(SHA256.HashData(exporter.Export(c.Name)))), timed.Select(t => t.GraphHash));
        var recorded = (await fixture.Reader.EventsAsync(first.RunId)).Select(e => e.Data).OfType<CandidateScored>().SelectMany(b => b.Scores).ToList();
        Assert.Equal(timed, recorded.Select(s => s.Latency));

        // A later run times nothing again: the stored figures come back as they were.
        var second = await _kit.StartRunAsync([task], [latency]);
        var again = (await _kit.Service().ScoreAsync(Request(second.RunId, task, candidates), default)).OfType<CandidateScored>().SelectMany(b => b.Scores).ToList();
        Assert.Equal(timed, again.Select(s => s.Latency));

        // A run that does not ask for latency is not timed.
        var plain = await _kit.StartRunAsync(task);
        var untimed = (await _kit.Service().ScoreAsync(Request(plain.RunId, task, candidates), default)).OfType<CandidateScored>().SelectMany(b => b.Scores);
        Assert.All(untimed, s => Assert.Null(s.Latency));
    }

    private static ScoreCandidates Request(Guid runId, string task, IReadOnlyList<Candidate> candidates, int generation = 0) =>
        new(runId, Guid.NewGuid(), generation, [task], candidates);
}
