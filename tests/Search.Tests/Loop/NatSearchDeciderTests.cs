using System.Text.Json;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Optimization.Sorting;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

public class NatSearchDeciderTests
{
    [Fact]
    public void A_point_run_starts_with_the_submitted_point_the_extremes_and_seeded_samples()
    {
        var decided = Decider().Decide(RunState.Fold(Given()));

        Assert.IsType<SearchStarted>(decided[0]);
        var request = Assert.IsType<ScoreCandidates>(decided[1]);
        Assert.Equal(2, decided.Count);
        Assert.Equal(0, request.Generation);
        Assert.Contains(Candidate.Point(CandidateCodec.Encode(Space.Name, Space.Smallest)), request.Candidates);
        Assert.Contains(Candidate.Point(CandidateCodec.Encode(Space.Name, Space.Largest)), request.Candidates);
        Assert.Contains(Candidate.Point(CandidateCodec.Encode(Space.Name, SubmittedPoint)), request.Candidates);
        Assert.InRange(request.Candidates.Count, 4, 13);
        Assert.All(request.Candidates, c => Assert.Equal(CandidateCodec.Genes(c.Name), Space.Repair(CandidateCodec.Genes(c.Name))));
    }

    [Fact]
    public void A_request_still_waiting_for_scores_is_not_sent_again()
    {
        var given = Given();
        given.AddRange(Decider().Decide(RunState.Fold(given)));

        Assert.Empty(Decider().Decide(RunState.Fold(given)));
    }

    [Fact]
    public void Scores_of_generation_zero_give_its_report_and_the_next_request()
    {
        var given = Given();
        given.AddRange(Decider().Decide(RunState.Fold(given)));
        given.Add(Score(given.OfType<ScoreCandidates>().Single()));

        var decided = Decider().Decide(RunState.Fold(given));

        var report = Assert.IsType<GenerationCompleted>(decided[0]);
        Assert.Equal((0, 0), (report.Iteration, report.Generation));
        Assert.True(report.Hypervolume > 0);
        Assert.Equal(1, Assert.IsType<ScoreCandidates>(decided[1]).Generation);
    }

    [Fact]
    public void Adaptation_budget_zero_completes_on_the_predictor_alone()
    {
        var stream = Drive(Decider(), Given());

        Assert.IsType<SearchCompleted>(stream[^1]);
        Assert.Empty(stream.OfType<AdaptSubnet>());
        Assert.Equal(Enumerable.Range(0, 5), stream.OfType<GenerationCompleted>().Select(g => g.Generation));
        var done = (SearchCompleted)stream[^1];
        var objectives = done.Front.Select(m => new[] { -m.Objectives[TaskName], m.Objectives["macs"] }).ToArray();
        Assert.Equal(objectives.Length, NondominatedSorting.Sort(objectives)[0].Length);

        // The constraint macs <= 0.8x the submitted point is honoured by the reported best.
        var best = Assert.Single(done.BestUnderConstraints).Best!;
        Assert.True(best.Objectives["macs"] <= 0.8 * Space.Cost(SubmittedPoint).Macs);
        Assert.True(Space.Cost(CandidateCodec.Genes(best.Candidate.Name)).Macs == (long)best.Objectives["macs"]);
    }

    [Fact]
    public void Same_events_give_the_same_decisions_and_any_prefix_resumes_with_the_recorded_next_step()
    {
        var first = Drive(Decider(), Given());
        var second = Drive(Decider(), Given());
        Assert.Equal(Json(first), Json(second));

        // A replica that folds the stream up to any decision point decides exactly what was recorded next.
        for (var k = 2; k < first.Count; k++)
        {
            if (first[k - 1] is ScoreCandidates or AdaptSubnet || first[k] is not (ScoreCandidates or GenerationCompleted or SearchCompleted))
            {
                continue;
            }

            var resumed = Decider().Decide(RunState.Fold(first.Take(k)));
            Assert.Equal(Json(first.Skip(k).Take(resumed.Count)), Json(resumed));
        }
    }

    [Fact]
    public void Another_seed_explores_other_candidates()
    {
        var a = Drive(Decider(), Given(seed: 7)).OfType<ScoreCandidates>().SelectMany(s => s.Candidates).ToHashSet();
        var b = Drive(Decider(), Given(seed: 8)).OfType<ScoreCandidates>().SelectMany(s => s.Candidates).ToHashSet();

        Assert.False(a.SetEquals(b));
    }

    [Fact]
    public void Adaptation_step_waits_for_measured_subnets_then_starts_the_next_iteration()
    {
        var waiting = Drive(Decider(adapt: 2, iterations: 2), Given(), answerAdaptation: false);

        // The initial archive's measurements (13) are asked for first; nothing else moves until they arrive.
        var sent = waiting.OfType<AdaptSubnet>().ToList();
        Assert.Equal(13, sent.Count);
        Assert.All(sent, a => Assert.Equal(AdaptSubnet.InitialArchive, a.Iteration));
        Assert.IsType<AdaptSubnet>(waiting[^1]);
        Assert.DoesNotContain(waiting, e => e is SearchCompleted or GenerationCompleted);

        var stream = Drive(Decider(adapt: 2, iterations: 2), Given());
        Assert.IsType<SearchCompleted>(stream[^1]);
        Assert.Equal(4, stream.OfType<AdaptSubnet>().Where(a => a.Iteration >= 0).Select(a => a.Candidate).Distinct().Count());
        Assert.Contains(stream.OfType<GenerationCompleted>(), g => g.Iteration == 1);
    }

    [Fact]
    public void An_impossible_constraint_completes_saying_no_network_meets_it_and_how_close_the_smallest_came()
    {
        var given = Given();
        given[0] = ((ModelSubmitted)given[0]) with { Constraints = [new Constraint(CostNames.Macs, ConstraintOperator.AtMost, 0.01, RelativeToSubmitted: true)] };

        var stream = Drive(Decider(), given);

        var completed = Assert.IsType<SearchCompleted>(stream[^1]);
        var constraint = Assert.Single(completed.BestUnderConstraints);
        Assert.Equal("macs<=0.01x", constraint.Constraint);
        Assert.Null(constraint.Best);
        // The space's smallest point is in every initial archive and no point has fewer MACs.
        var smallest = (double)Space.Cost(Space.Smallest).Macs / Space.Cost(SubmittedPoint).Macs;
        Assert.True(smallest > 0.01, $"the smallest point meets the constraint ({smallest}), so it was not impossible");
        Assert.Equal(smallest, constraint.Closest!.Value, 12);
    }

    [Fact]
    public void A_constraint_some_network_meets_names_its_best_and_no_closest_figure()
    {
        var completed = Assert.IsType<SearchCompleted>(Drive(Decider(), Given())[^1]);

        var constraint = Assert.Single(completed.BestUnderConstraints);
        Assert.NotNull(constraint.Best);
        Assert.Null(constraint.Closest);
    }

    private static string Json(IEnumerable<object> messages) =>
        string.Join("\n", messages.Select(m => m.GetType().Name + JsonSerializer.Serialize(m, m.GetType())));
}
