using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Planning;
using NasPipeline.Prediction.Registry;
using NasPipeline.Prediction.Runs;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Tests.Predict;

/// <summary>The Predict stage's plan, decided from a fold of events: no database, no models.</summary>
public sealed class PredictDeciderTests
{
    private const int Seed = 17;
    private static readonly Guid Run = Guid.Parse("6d0b3f2a-1c4e-4f5a-9b8c-7d6e5f4a3b2c");
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly PredictSettings Settings = new() { MinRefitSamples = 3, BatchSize = 2 };
    private static readonly PredictDecider Decider = new(Settings, Spaces);
    private static readonly StartingPredictor Registered = new(new TaskPredictorRegistration { Model = ModelKinds.GnnAdapter, WeightsBlobHash = "w" }, "registered");

    [Fact]
    public void A_task_without_a_predictor_adopts_the_starting_one_as_version_1_and_is_scored_with_it()
    {
        var state = Given();
        var request = Request("cls");

        Assert.Equal(["cls"], Decider.Adoptions(state, request));
        var plan = Decider.Score(state, request, Starting("cls", Registered));

        Assert.Equal([new AdoptStep("cls", 1, Registered), new ScoreStep(request, 1, 2)], plan);
    }

    [Fact]
    public void Without_any_predictor_the_plan_is_to_fail_saying_how_to_get_one()
    {
        var plan = Decider.Score(Given(), Request("seg"), Starting("seg", null));

        var fail = Assert.IsType<FailStep>(Assert.Single(plan));
        Assert.Equal("NoPredictor", fail.Kind);
        Assert.Contains("--for seg", fail.Reason, StringComparison.Ordinal);
        Assert.Contains("at least 3 labels", fail.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Enough_point_labels_refit_nat_s_ensemble_instead_of_adopting_with_the_seed_of_the_version_it_creates()
    {
        var state = Given(Measured("cls", Point(0), 0.5), Measured("cls", Point(1), 0.6), Measured("cls", Point(2), 0.7));
        var request = Request("cls");

        Assert.Empty(Decider.Adoptions(state, request));
        var plan = Decider.Score(state, request, Starting());

        var refit = Assert.IsType<RefitStep>(plan[0]);
        Assert.Equal(("cls", ModelKinds.Rbf, 1, PredictDecider.RefitSeed(Seed, 1), 3, null), (refit.Task, refit.Model, refit.Version, refit.Seed, refit.Labels.Count, refit.Basis));
        Assert.Equal(new ScoreStep(request, 1, 2), plan[1]);
    }

    [Fact]
    public void Versions_count_on_across_tasks_graph_labels_adapt_the_current_gnn_and_a_second_task_adopts()
    {
        var current = new AdapterTrained(Run, "cls", ModelKinds.GnnAdapter, 1, 100, 0.9, "w1", 0);
        var state = Given(current, Measured("cls", Graph('a'), 0.5), Measured("cls", Graph('b'), 0.6), Measured("cls", Graph('c'), 0.7));
        var request = Request("cls", "det");

        Assert.Equal(["det"], Decider.Adoptions(state, request));
        var plan = Decider.Score(state, request, Starting("det", Registered));

        var refit = Assert.IsType<RefitStep>(plan[0]);
        Assert.Equal(("cls", ModelKinds.GnnAdapter, 2, PredictDecider.RefitSeed(Seed, 2), current), (refit.Task, refit.Model, refit.Version, refit.Seed, refit.Basis));
        Assert.Equal(state.Labels("cls"), refit.Labels);
        Assert.Equal([new AdoptStep("det", 3, Registered), new ScoreStep(request, 3, 2)], plan.Skip(1));
    }

    [Fact]
    public void Graph_pseudo_labels_that_arrived_before_any_predictor_adapt_the_adopted_gnn_in_the_same_plan_before_scoring()
    {
        var labels = new[] { Graph('a'), Graph('b'), Graph('c') }
            .Select((g, i) => (object)new PseudoLabelReady(Run, Guid.NewGuid(), "seg", [new PseudoLabel(g, 0.5 + i / 10.0)], 1, 1.0, "s", "h")).ToArray();
        var state = Given(labels);
        var request = Request("seg");

        // No refit is possible on arrival (no GNN to adapt yet), so the request adopts one and adapts it at once.
        Assert.Empty(Decider.Learn(state));
        Assert.Equal(["seg"], Decider.Adoptions(state, request));
        var plan = Decider.Score(state, request, Starting("seg", Registered));

        var adopt = Assert.IsType<AdoptStep>(plan[0]);
        Assert.Equal(new AdoptStep("seg", 1, Registered), adopt);
        var refit = Assert.IsType<RefitStep>(plan[1]);
        Assert.Equal(("seg", ModelKinds.GnnAdapter, 2, PredictDecider.RefitSeed(Seed, 2)), (refit.Task, refit.Model, refit.Version, refit.Seed));
        Assert.Equal(adopt.Recorded(Run), refit.Basis);
        Assert.Equal(state.Labels("seg"), refit.Labels);
        Assert.Equal(new ScoreStep(request, 2, 2), plan[2]);
        Assert.Equal(3, plan.Count);
    }

    [Fact]
    public void Graph_labels_with_an_rbf_predictor_cannot_refit_and_it_keeps_scoring()
    {
        var current = new AdapterTrained(Run, "cls", ModelKinds.Rbf, 1, 10, 0.5, "w1", 0);
        var state = Given(current, Measured("cls", Graph('a'), 0.5), Measured("cls", Graph('b'), 0.6), Measured("cls", Graph('c'), 0.7));

        var request = Request("cls");

        Assert.Equal([new ScoreStep(request, 1, 2)], Decider.Score(state, request, Starting()));
    }

    [Fact]
    public void A_scored_request_or_a_finished_run_plans_nothing()
    {
        var request = Request("cls");
        var scored = Given(new AdapterTrained(Run, "cls", ModelKinds.Rbf, 1, 10, 0.5, "w1", 0), new CandidateScored(Run, request.RequestId, 0, 1, []));
        var finished = Given(new RunFailed(Run, "search", "stop", DateTimeOffset.UnixEpoch));

        Assert.Empty(Decider.Score(scored, request, Starting()));
        Assert.Empty(Decider.Adoptions(finished, request));
        Assert.Empty(Decider.Score(finished, request, Starting("cls", Registered)));
    }

    [Fact]
    public void Labels_refit_only_once_the_minimum_is_reached_and_only_the_tasks_with_new_ones()
    {
        var two = Given(Measured("cls", Point(0), 0.5), Measured("cls", Point(1), 0.6));
        var three = two.Evolve(Measured("cls", Point(2), 0.7));
        var refitted = three.Evolve(new AdapterTrained(Run, "cls", ModelKinds.Rbf, 1, 3, 0.5, "w1", PredictDecider.RefitSeed(Seed, 1)));

        Assert.Empty(Decider.Learn(two));
        Assert.Equal(["cls@1"], Decider.Learn(three).Cast<RefitStep>().Select(r => $"{r.Task}@{r.Version}"));
        Assert.Empty(Decider.Learn(refitted));
    }

    private static RunPredictorState Given(params object[] events) =>
        RunPredictorState.Fold(new object[] { new ModelSubmitted(Run, DateTimeOffset.UnixEpoch, null, new SearchSpacePoint("mbv3-28", [0]), [], ["cls"], [], [], Seed) }.Concat(events));

    private static ScoreCandidates Request(params string[] tasks) => new(Run, Guid.Parse("1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6"), 0, tasks, [Point(5), Point(6), Point(7)]);

    private static SubnetAdapted Measured(string task, Candidate candidate, double value) =>
        new(Run, Guid.NewGuid(), candidate, new Dictionary<string, double> { [task] = value }, "w", 0);

    private static Candidate Point(int seed)
    {
        var space = Spaces.Get("mbv3-28");
        return Candidate.Point(CandidateCodec.Encode(space.Name, space.Repair(space.Sample(new Random(seed)))));
    }

    /// <summary>A graph's blob name (only its shape matters here: graphs are not points, so no RBF refit).</summary>
    private static Candidate Graph(char digit) => Candidate.Graph(new string(digit, 64));

    private static Dictionary<string, StartingPredictor?> Starting(string? task = null, StartingPredictor? predictor = null) =>
        task is null ? [] : new() { [task] = predictor };
}
