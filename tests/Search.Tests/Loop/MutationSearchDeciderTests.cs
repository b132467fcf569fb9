using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.Search.Loop;
using NasPipeline.Search.Mutation;
using NasPipeline.Search.Tests.Mutation;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>The mutation search as a decision over events, driven with made-up predictors over real mutants of a small CNN.</summary>
public sealed class MutationSearchDeciderTests
{
    private const string Task = "classification";
    private static readonly Guid RunId = Guid.Parse("0b6c4d7e-2a19-4c3f-9e58-7d1a2b3c4d5e");
    private static readonly byte[] Onnx = Fixtures.Read("small_cnn_28.onnx");
    private static readonly ExtractionOptions Extraction = new() { InputShapes = [InputShape.Parse("1x1x28x28")] };
    private static readonly Graph Original = new OnnxGraphExtractor().Extract(Onnx, Extraction);

    [Fact]
    public void A_predictor_that_scores_every_smaller_network_lower_keeps_the_submitted_one()
    {
        var (stream, graphs, _) = Drive(g => g.TotalParams);

        var completed = Assert.Single(stream.OfType<SearchCompleted>());
        var kept = Assert.Single(completed.Front);
        Assert.Equal(Original.TotalMacs, kept.Objectives[CostNames.Macs]);
        Assert.Equal(ContentHash.Of(Onnx), completed.ModelBlobHash);
        Assert.True(graphs.Count > 1, "no mutant was ever proposed");
        Assert.Equal([false], completed.BestUnderConstraints.Select(c => c.Best is not null));
        // Nothing was cut, so the closest the run came to macs <= 0.99x is the submitted network itself.
        Assert.Equal(1.0, completed.BestUnderConstraints.Single().Closest);
    }

    [Fact]
    public void An_impossible_constraint_completes_saying_how_close_the_kept_network_came()
    {
        var (stream, _, kept) = Drive(_ => 1.0, macsFactor: 0.01);

        var completed = Assert.Single(stream.OfType<SearchCompleted>());
        var constraint = Assert.Single(completed.BestUnderConstraints);
        Assert.Equal("macs<=0.01x", constraint.Constraint);
        Assert.Null(constraint.Best);
        // The kept ONNX extracted again, against the submitted one: the figure the status reports.
        var keptMacs = new OnnxGraphExtractor().Extract(kept!, Extraction).TotalMacs;
        Assert.True(keptMacs < Original.TotalMacs, "the search cut nothing, so the figure would not tell the kept network from the submitted one");
        Assert.Equal((double)keptMacs / Original.TotalMacs, constraint.Closest!.Value, 12);
    }

    [Fact]
    public void A_predictor_that_scores_all_alike_lets_every_round_cut_macs_and_the_kept_onnx_has_the_reported_cost()
    {
        var (stream, _, model) = Drive(_ => 1.0);

        var fronts = stream.OfType<MutationRoundCompleted>().Select(r => r.Current.Objectives[CostNames.Macs]).ToList();
        Assert.True(fronts.Count >= 2);
        Assert.True(fronts.Zip(fronts.Skip(1)).All(p => p.Second <= p.First), string.Join(", ", fronts));
        var completed = stream.OfType<SearchCompleted>().Single();
        Assert.True(completed.Front[0].Objectives[CostNames.Macs] < Original.TotalMacs);
        Assert.NotNull(completed.BestUnderConstraints.Single().Best);

        // The stored network is the submitted one cut down, weights included: ONNX Runtime runs it.
        Assert.Equal(completed.ModelBlobHash, ContentHash.Of(model!));
        Assert.StartsWith("all weights are the submitted model's", completed.ModelWeights, StringComparison.Ordinal);
        Assert.Equal(completed.Front[0].Objectives[CostNames.Macs], new OnnxGraphExtractor().Extract(model!, Extraction).TotalMacs);
        Assert.Equal([1L, 10], NasPipeline.Tests.Shared.Onnx.OnnxRuntimeRun.OnRandomInput(model!, seed: 1).Values.Single().Shape);
    }

    [Fact]
    public void The_walk_is_the_same_from_any_prefix_and_in_a_fresh_policy()
    {
        var (stream, _, _) = Drive(g => 1.0 / (1 + g.TotalMacs % 7));

        // A fresh decider folding every prefix decides exactly what the stream holds next (a restarted Search process).
        for (var cut = 2; cut < stream.Count; cut++)
        {
            if (!NatSearchDecider.IsDecision(stream[cut]) || NatSearchDecider.IsDecision(stream[cut - 1]))
            {
                continue;
            }

            var decided = new MutationSearchDecider(Settings).Decide(RunState.Fold(stream.Take(cut)), Onnx).Messages;
            Assert.Equal(Json(stream.Skip(cut).TakeWhile(NatSearchDecider.IsDecision)), Json(decided));
        }

        Assert.True(SearchRedrive.Check(stream, LoopHarness.Spaces, Onnx).Identical);
    }

    [Fact]
    public void A_stream_recorded_before_the_mutation_search_had_its_own_events_still_redrives_and_is_refused_continuation()
    {
        var (stream, _, _) = Drive(_ => 1.0);
        var completed = stream.OfType<SearchCompleted>().Single();
        // As the stage recorded it until 2026-12-04: no proposals, each round a one-member generation with hypervolume 0.
        var old = stream.Where(e => e is not MutantsProposed).Select(e => e is MutationRoundCompleted r
            ? new GenerationCompleted(r.RunId, 0, r.Round, [r.Current], 0, 3)
            : e).ToList();
        Assert.Contains(old, e => e is GenerationCompleted);

        var redrive = SearchRedrive.Check(old, LoopHarness.Spaces, Onnx);
        Assert.True(redrive.Identical, $"{redrive.Recorded}\n!=\n{redrive.Redriven}");
        Assert.True(redrive.Decisions > 3);

        var unfinished = RunState.Fold(old.TakeWhile(e => e is not SearchCompleted));
        Assert.True(unfinished.HasUpcastRounds);
        Assert.Equal(completed.Front[0].Candidate, unfinished.LastRound!.Current.Candidate);
        var refused = Assert.Throws<InvalidOperationException>(() => new MutationSearchDecider(Settings).Decide(unfinished, Onnx));
        Assert.Contains("Fork it", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_adaptation_the_run_completes_on_the_measured_original_and_kept_networks_and_names_the_fine_tuned_onnx()
    {
        var measured = new Dictionary<bool, double> { [true] = 0.81, [false] = 0.80 };
        var (stream, _, kept) = Drive(_ => 1.0, settings: Settings with { AdaptPerIteration = 1 },
            measure: (request, isOriginal) => new SubnetAdapted(RunId, request.RequestId, request.Candidate,
                new Dictionary<string, double> { [Task] = measured[isOriginal] }, $"fine-tuned-{request.Candidate.Name[..8]}", request.Seed));

        var requests = stream.OfType<AdaptSubnet>().ToList();
        Assert.Equal([ContentHash.Of(Onnx), ContentHash.Of(kept!)], requests.Select(r => r.Candidate.Name));
        Assert.All(requests, r => Assert.Equal((CandidateKind.OnnxModel, Task), (r.Candidate.Kind, Assert.Single(r.Tasks))));
        var completed = Assert.Single(stream.OfType<SearchCompleted>());
        Assert.True(stream.IndexOf(completed) > stream.FindLastIndex(e => e is SubnetAdapted), "completed before both measurements were in");
        var result = completed.Measured!;
        Assert.Equal((0.81, 0.80), (result.Original.Measured[Task], result.Kept.Measured[Task]));
        Assert.Equal((Original.TotalMacs, (long)completed.Front[0].Objectives[CostNames.Macs]), (result.Original.Macs, result.Kept.Macs));
        Assert.True(result.Kept.Macs < result.Original.Macs);
        Assert.Equal((1.0, 1.0), (result.Original.Predicted[Task], result.Kept.Predicted[Task]));
        Assert.Equal($"fine-tuned-{ContentHash.Of(kept!)[..8]}", completed.ModelBlobHash);
        Assert.Equal(completed.ModelBlobHash, result.Kept.FineTunedBlobHash);
        Assert.EndsWith("then fine-tuned by the Adapt stage on " + Task, completed.ModelWeights, StringComparison.Ordinal);
        Assert.True(SearchRedrive.Check(stream, LoopHarness.Spaces, Onnx).Identical);
    }

    [Fact]
    public void With_adapt_three_two_networks_between_are_measured_too_each_with_its_own_costs_and_prediction()
    {
        var (stream, graphs, kept) = Drive(g => 1.0 / (1 + (g.TotalMacs % 7)), settings: Settings with { AdaptPerIteration = 3 },
            measure: (request, _) => new SubnetAdapted(RunId, request.RequestId, request.Candidate,
                new Dictionary<string, double> { [Task] = 0.5 }, $"fine-tuned-{request.Candidate.Name[..8]}", request.Seed));

        var rounds = stream.OfType<MutationRoundCompleted>().Where(r => r.Kept is not null).ToList();
        Assert.True(rounds.Count >= 3, $"{rounds.Count} edits kept: too few for networks between");
        var result = Assert.Single(stream.OfType<SearchCompleted>()).Measured!;
        var expectedSteps = MutationSearchDecider.PathSteps(rounds.Count, 3);
        Assert.Equal(expectedSteps, new[] { result.Original }.Concat(result.Between!).Append(result.Kept).Select(n => n.Step));
        foreach (var between in result.Between!)
        {
            var member = rounds[between.Step - 1].Current;
            Assert.Equal((long)member.Objectives[CostNames.Macs], between.Macs);
            Assert.Equal(member.Objectives[Task], between.Predicted[Task]);
            Assert.Equal(member.Objectives[CostNames.Macs], graphs[member.Candidate.Name].TotalMacs);
        }

        Assert.Equal(expectedSteps.Count, stream.OfType<AdaptSubnet>().Count());
        Assert.Equal(ContentHash.Of(kept!), result.Kept.ModelBlobHash);
        Assert.True(SearchRedrive.Check(stream, LoopHarness.Spaces, Onnx).Identical);
    }

    [Fact]
    public void With_max_drop_the_run_returns_the_cheapest_measured_network_within_it_a_drop_equal_to_it_included()
    {
        // Answered in path order: the original, two networks between, the kept one.
        double[] top1 = [0.80, 0.795, 0.79, 0.70];
        var answered = 0;
        var (stream, _, _) = Drive(g => 1.0 / (1 + (g.TotalMacs % 7)), settings: Settings with { AdaptPerIteration = 3 }, maxDrop: 0.005,
            measure: (request, _) => new SubnetAdapted(RunId, request.RequestId, request.Candidate,
                new Dictionary<string, double> { [Task] = top1[answered++] }, $"fine-tuned-{request.Candidate.Name[..8]}", request.Seed));

        var completed = Assert.Single(stream.OfType<SearchCompleted>());
        var measured = completed.Measured!;
        Assert.Equal(4, answered);
        var first = measured.Between![0];
        Assert.Equal(0.795, first.Measured[Task]);
        Assert.Equal(new MeasuredChoice(0.005, first.Step), measured.Choice);
        Assert.Equal(first.FineTunedBlobHash, completed.ModelBlobHash);
        Assert.NotEqual(measured.Kept.FineTunedBlobHash, completed.ModelBlobHash);
        Assert.True(SearchRedrive.Check(stream, LoopHarness.Spaces, Onnx).Identical);
    }

    [Fact]
    public void With_max_drop_and_every_cheaper_network_worse_than_it_the_run_returns_the_original_fine_tuned()
    {
        var answered = 0;
        var (stream, _, _) = Drive(_ => 1.0, settings: Settings with { AdaptPerIteration = 1 }, maxDrop: 0.01,
            measure: (request, _) => new SubnetAdapted(RunId, request.RequestId, request.Candidate,
                new Dictionary<string, double> { [Task] = answered++ == 0 ? 0.80 : 0.7899 }, $"fine-tuned-{request.Candidate.Name[..8]}", request.Seed));

        var completed = Assert.Single(stream.OfType<SearchCompleted>());
        Assert.Equal(new MeasuredChoice(0.01, 0), completed.Measured!.Choice);
        Assert.Equal(completed.Measured.Original.FineTunedBlobHash, completed.ModelBlobHash);
    }

    [Theory]
    [InlineData(true, 2, 0.005, null)]
    [InlineData(true, 2, -0.1, "--max-drop must be a finite number of at least 0 (in each task's metric units), not -0.1.")]
    [InlineData(true, 0, 0.005, ModelSubmittedValidator.MaxDropNeedsAdapt)]
    [InlineData(true, null, 0.005, ModelSubmittedValidator.MaxDropNeedsAdapt)]
    [InlineData(false, 2, 0.005, ModelSubmittedValidator.MaxDropNeedsOnnx)]
    public void Max_drop_is_refused_with_the_reason_unless_a_submitted_network_is_measured(bool onnx, int? adapt, double maxDrop, string? refusal)
    {
        var submission = new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, onnx ? new OnnxModelRef(ContentHash.Of(Onnx), "m.onnx", Onnx.Length) : null,
            onnx ? null : new SearchSpacePoint("mbv3-28", [0, 1]), [], [Task], [new Objective(Task, ObjectiveDirection.Maximize)], [], 1,
            new SearchBudget(AdaptPerIteration: adapt), MaxDrop: maxDrop);

        var errors = new ModelSubmittedValidator().Validate(submission).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Equal(refusal is null ? [] : [refusal], errors);
    }

    [Fact]
    public void With_a_step_cap_no_round_cuts_more_than_its_fraction_of_the_network_it_started_from()
    {
        // Every mutant scored alike: without the cap the first round takes its cheapest mutant (-69% here); the small
        // CNN's mildest mutants cut 12%.
        const double cap = 0.15;
        var uncapped = Drive(_ => 1.0).Stream.OfType<MutationRoundCompleted>().Select(r => (long)r.Current.Objectives[CostNames.Macs]).ToList();
        Assert.True(uncapped[0] < Original.TotalMacs * (1 - cap), $"the uncapped first round cut only to {uncapped[0]} of {Original.TotalMacs}: the cap would test nothing");

        var (stream, _, _) = Drive(_ => 1.0, maxStepCut: cap);

        var macs = new List<long> { Original.TotalMacs };
        macs.AddRange(stream.OfType<MutationRoundCompleted>().Select(r => (long)r.Current.Objectives[CostNames.Macs]));
        Assert.Contains(macs.Skip(1), m => m < Original.TotalMacs);
        Assert.All(macs.Zip(macs.Skip(1)), p => Assert.InRange(p.First - p.Second, 0, cap * p.First));
        Assert.True(SearchRedrive.Check(stream, LoopHarness.Spaces, Onnx).Identical);
    }

    [Fact]
    public void With_the_spread_rule_each_round_keeps_the_edit_that_leaves_its_layer_the_largest_share()
    {
        // Every mutant scored alike, so the rule alone decides: the small CNN's mildest edit is conv1 8 -> 7 channels.
        var (stream, _, _) = Drive(_ => 1.0, stepRule: MutationStepRule.Spread);

        var rounds = stream.OfType<MutationRoundCompleted>().ToList();
        var proposals = stream.OfType<MutantsProposed>().ToDictionary(p => p.Round);
        var kept = new List<NetworkMutation>();
        foreach (var round in rounds.Where(r => r.Kept is not null))
        {
            var best = proposals[round.Round].Mutants.Max(m => KeptShare.Of(m.Mutation, kept));
            Assert.Equal(best, KeptShare.Of(round.Kept!, kept), 12);
            kept.Add(round.Kept!);
        }

        Assert.Equal(new NetworkMutation(MutationKind.ShrinkChannels, kept[0].Target, 8, 7), kept[0]);
        Assert.True(SearchRedrive.Check(stream, LoopHarness.Spaces, Onnx).Identical);
    }

    [Fact]
    public void With_a_spread_tolerance_mutants_predicted_within_that_many_spreads_below_the_original_are_kept()
    {
        // Every edit is predicted below the original, by a twentieth of the share of MACs it removes, and the predictor's
        // spread is 0.01: without a tolerance nothing is kept; with K = 1 a network may fall 0.01 (20% of the MACs; the
        // small CNN's mildest edits cut 12%).
        double Metric(Graph g) => 1.0 - 0.05 * (1 - (double)g.TotalMacs / Original.TotalMacs);
        const double spread = 0.01;
        Assert.DoesNotContain(Drive(Metric, uncertainty: spread).Stream.OfType<MutationRoundCompleted>(), r => r.Kept is not null);

        var (stream, graphs, _) = Drive(Metric, uncertainty: spread, spreadTolerance: 1);

        var kept = stream.OfType<MutationRoundCompleted>().Where(r => r.Kept is not null).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, r => Assert.InRange(r.Current.Objectives[Task], 1.0 - spread - 1e-12, 1.0));
        Assert.All(kept, r => Assert.True(graphs[r.Current.Candidate.Name].TotalMacs < Original.TotalMacs));
        Assert.True(SearchRedrive.Check(stream, LoopHarness.Spaces, Onnx).Identical);
    }

    [Fact]
    public void A_tasks_own_spread_sets_the_tolerance_where_the_score_gives_one()
    {
        // The score's overall uncertainty (0.5, as if another task of larger units had it) would let every edit through;
        // the task's own spread (0.01) keeps the path within 0.01 of the original.
        double Metric(Graph g) => 1.0 - 0.05 * (1 - (double)g.TotalMacs / Original.TotalMacs);
        var loose = Drive(Metric, uncertainty: 0.5, spreadTolerance: 1).Stream.OfType<MutationRoundCompleted>().Where(r => r.Kept is not null).ToList();
        Assert.Contains(loose, r => r.Current.Objectives[Task] < 0.99);

        var (stream, _, _) = Drive(Metric, uncertainty: 0.5, spreadTolerance: 1, spreads: new Dictionary<string, double> { [Task] = 0.01 });

        var kept = stream.OfType<MutationRoundCompleted>().Where(r => r.Kept is not null).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, r => Assert.InRange(r.Current.Objectives[Task], 0.99 - 1e-12, 1.0));
    }

    [Theory]
    [InlineData(1.0, true, null)]
    [InlineData(0.0, true, null)]
    [InlineData(-0.5, true, "--spread-tolerance is a number of the predictor's spreads from 0 to 10 (e.g. 1), not -0.5.")]
    [InlineData(11.0, true, "--spread-tolerance is a number of the predictor's spreads from 0 to 10 (e.g. 1), not 11.")]
    [InlineData(1.0, false, ModelSubmittedValidator.SpreadToleranceNeedsOnnx)]
    public void Spread_tolerance_is_refused_with_the_reason_unless_it_is_a_few_spreads_for_a_submitted_network(double tolerance, bool onnx, string? refusal)
    {
        var submission = new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, onnx ? new OnnxModelRef(ContentHash.Of(Onnx), "m.onnx", Onnx.Length) : null,
            onnx ? null : new SearchSpacePoint("mbv3-28", [0, 1]), [], [Task], [new Objective(Task, ObjectiveDirection.Maximize)], [], 1, SpreadTolerance: tolerance);

        var errors = new ModelSubmittedValidator().Validate(submission).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Equal(refusal is null ? [] : [refusal], errors);
    }

    [Theory]
    [InlineData(0.03, true, null)]
    [InlineData(0.0, true, "--max-step-cut must be a fraction of the current network's MACs above 0 and below 1 (e.g. 0.03), not 0.")]
    [InlineData(1.0, true, "--max-step-cut must be a fraction of the current network's MACs above 0 and below 1 (e.g. 0.03), not 1.")]
    [InlineData(0.03, false, ModelSubmittedValidator.MaxStepCutNeedsOnnx)]
    public void Max_step_cut_is_refused_with_the_reason_unless_it_is_a_fraction_for_a_submitted_network(double cap, bool onnx, string? refusal)
    {
        var submission = new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, onnx ? new OnnxModelRef(ContentHash.Of(Onnx), "m.onnx", Onnx.Length) : null,
            onnx ? null : new SearchSpacePoint("mbv3-28", [0, 1]), [], [Task], [new Objective(Task, ObjectiveDirection.Maximize)], [], 1, MaxStepCut: cap);

        var errors = new ModelSubmittedValidator().Validate(submission).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Equal(refusal is null ? [] : [refusal], errors);
    }

    [Theory]
    [InlineData(0.80, 0.79, ObjectiveDirection.Maximize, 0.01)]
    [InlineData(0.80, 0.85, ObjectiveDirection.Maximize, -0.05)]
    [InlineData(2.0, 2.5, ObjectiveDirection.Minimize, 0.5)]
    public void A_drop_is_measured_in_the_tasks_direction(double original, double network, ObjectiveDirection direction, double expected)
    {
        var submission = new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, new OnnxModelRef(ContentHash.Of(Onnx), "m.onnx", Onnx.Length), null, [], [Task],
            [new Objective(Task, direction)], [], 1, MaxDrop: 0.1);
        NetworkMeasurement Measured(double value) => new("m", "f", 1, 1, new Dictionary<string, double> { [Task] = value }, new Dictionary<string, double>());

        Assert.Equal(expected, MeasuredSelection.Drop(submission, Task, Measured(original), Measured(network)), 12);
        Assert.Equal(double.PositiveInfinity, MeasuredSelection.Drop(submission, "segmentation", Measured(original), Measured(network)));
    }

    [Theory]
    [InlineData(0, 3, new[] { 0 })]
    [InlineData(10, 1, new[] { 0, 10 })]
    [InlineData(10, 4, new[] { 0, 3, 5, 8, 10 })]
    [InlineData(2, 5, new[] { 0, 1, 2 })]
    public void The_measured_path_steps_are_the_ends_and_evenly_spaced_ones_between_each_once(int kept, int count, int[] expected) =>
        Assert.Equal(expected, MutationSearchDecider.PathSteps(kept, count));

    private static readonly SearchSettings Settings = new(Population: 6, Generations: 5);

    /// <summary>Decides, appends, scores the requested graphs with <paramref name="metric"/>, until the run completes; the
    /// submission is constrained to macs &lt;= <paramref name="macsFactor"/> x its own. Returns the kept network's ONNX too.</summary>
    /// <param name="measure">The Adapt stage's answer to a request (true: the submitted network's).</param>
    private static (List<object> Stream, Dictionary<string, Graph> Graphs, byte[]? Kept) Drive(Func<Graph, double> metric, double macsFactor = 0.99,
        SearchSettings? settings = null, Func<AdaptSubnet, bool, SubnetAdapted>? measure = null, double? maxDrop = null,
        double? maxStepCut = null, MutationStepRule? stepRule = null, double uncertainty = 0, double? spreadTolerance = null,
        IReadOnlyDictionary<string, double>? spreads = null)
    {
        byte[]? kept = null;
        var graphs = new Dictionary<string, Graph> { [ContentHash.Of(ComputationGraphJson.SerializeToUtf8Bytes(Original))] = Original };
        var stream = new List<object>
        {
            new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, new OnnxModelRef(ContentHash.Of(Onnx), "small_cnn_28.onnx", Onnx.Length), null,
                ["1x1x28x28"], [Task], [new Objective(Task, ObjectiveDirection.Maximize)],
                [new Constraint(CostNames.Macs, ConstraintOperator.AtMost, macsFactor, RelativeToSubmitted: true)], 3, MaxDrop: maxDrop, MaxStepCut: maxStepCut, StepRule: stepRule,
                SpreadTolerance: spreadTolerance),
            new GraphExtracted(RunId, graphs.Keys.Single(), Original.Nodes.Count, Original.Edges.Count, Original.TotalMacs, Original.TotalParams,
                new Dictionary<string, int>(), "test", 8, 13, 1.0),
        };
        var decider = new MutationSearchDecider(settings ?? Settings);
        for (var step = 0; step < 100 && !stream.OfType<SearchCompleted>().Any(); step++)
        {
            var decision = decider.Decide(RunState.Fold(stream), Onnx);
            Assert.NotEmpty(decision.Messages);
            foreach (var (hash, json) in decision.Blobs)
            {
                Assert.Equal(hash, ContentHash.Of(json));
                graphs[hash] = ComputationGraphJson.Deserialize(System.Text.Encoding.UTF8.GetString(json));
            }

            kept = decision.Kept?.Onnx ?? kept;

            stream.AddRange(decision.Messages);
            stream.AddRange(decision.Messages.OfType<ScoreCandidates>().Select(r => new CandidateScored(r.RunId, r.RequestId, r.Generation, 1,
                r.Candidates.Select(c => new CandidateScore(c, new Dictionary<string, double> { [Task] = metric(graphs[c.Name]) }, uncertainty, Spreads: spreads)).ToList())));
            stream.AddRange(decision.Messages.OfType<AdaptSubnet>().Select(r => measure!(r, r.Candidate.Name == ContentHash.Of(Onnx))));
        }

        return (stream, graphs, kept);
    }

    private static string Json(IEnumerable<object> messages) =>
        string.Join("\n", messages.Select(m => System.Text.Json.JsonSerializer.Serialize(m, m.GetType())));
}
