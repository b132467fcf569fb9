using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Validation;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>Latency as an objective: the search ranks by the latencies recorded with the scores, asks for the timing of
/// measured subnets it has no score for, and reports latency as measured.</summary>
public class LatencyObjectiveTests
{
    private static readonly Objective[] MetricAndLatency =
        [new(TaskName, ObjectiveDirection.Maximize), new(CostNames.Latency, ObjectiveDirection.Minimize)];

    /// <summary>A made-up latency that does not follow MACs: the kernel genes (every third) weigh most.</summary>
    private static double Milliseconds(string candidate) =>
        0.2 + CandidateCodec.Genes(candidate).Select((g, i) => i % 3 == 1 ? 0.3 * g : 0.01 * g).Sum();

    private static int Timings;

    private static CandidateScored Timed(ScoreCandidates request)
    {
        Interlocked.Add(ref Timings, request.Candidates.Count);
        var scored = Score(request);
        return scored with
        {
            Scores = scored.Scores.Select(s => s with { Latency = new MeasuredLatency(Milliseconds(s.Candidate.Name), 1, 5, 21, "hash", "test cpu") }).ToList(),
        };
    }

    [Fact]
    public void The_front_holds_the_recorded_latencies_as_measured_values_and_is_non_dominated_in_them()
    {
        var stream = Drive(Decider(), Given(MetricAndLatency, []), score: Timed);

        var front = stream.OfType<SearchCompleted>().Single().Front;
        Assert.All(front, m =>
        {
            Assert.Equal(Milliseconds(m.Candidate.Name), m.Objectives[CostNames.Latency]);
            Assert.Equal(ValueOrigin.Measured, m.Origins![CostNames.Latency]);
            Assert.Equal(ValueOrigin.Predicted, m.Origins[TaskName]);
        });
        Assert.DoesNotContain(CostNames.Macs, front[0].Objectives.Keys);
        foreach (var a in front)
        {
            Assert.DoesNotContain(front, b => b != a
                && b.Objectives[TaskName] >= a.Objectives[TaskName] && b.Objectives[CostNames.Latency] <= a.Objectives[CostNames.Latency]
                && (b.Objectives[TaskName] > a.Objectives[TaskName] || b.Objectives[CostNames.Latency] < a.Objectives[CostNames.Latency]));
        }
    }

    [Fact]
    public void Measured_subnets_of_the_initial_archive_are_still_scored_once_for_their_timing()
    {
        var stream = Drive(Decider(adapt: 2), Given(MetricAndLatency, []), score: Timed);

        var initial = stream.OfType<AdaptSubnet>().Where(a => a.Iteration == AdaptSubnet.InitialArchive).Select(a => a.Candidate.Name).ToList();
        var timed = stream.OfType<CandidateScored>().SelectMany(s => s.Scores).Where(s => s.Latency is not null).Select(s => s.Candidate.Name).ToHashSet();
        Assert.NotEmpty(initial);
        Assert.All(initial, c => Assert.Contains(c, timed));
        Assert.Single(stream.OfType<SearchCompleted>());
    }

    [Fact]
    public void A_latency_constraint_relative_to_the_submitted_point_keeps_the_best_candidate_under_it()
    {
        var constraint = new Constraint(CostNames.Latency, ConstraintOperator.AtMost, 0.5, RelativeToSubmitted: true);

        var stream = Drive(Decider(), Given(MetricAndLatency, [constraint]), score: Timed);

        var best = Assert.Single(stream.OfType<SearchCompleted>().Single().BestUnderConstraints);
        var submitted = Milliseconds(CandidateCodec.Encode(Space.Name, SubmittedPoint));
        Assert.NotNull(best.Best);
        Assert.True(best.Best!.Objectives[CostNames.Latency] <= 0.5 * submitted);
    }

    [Fact]
    public void A_replay_of_the_recorded_stream_decides_the_same_without_timing_anything_again()
    {
        var stream = Drive(Decider(), Given(MetricAndLatency, []), score: Timed);
        var inputs = stream.Where(e => !NatSearchDecider.IsDecision(e)).ToList();

        var before = Volatile.Read(ref Timings);
        var replayed = Drive(Decider(), inputs.Take(2).ToList(), score: request => inputs.OfType<CandidateScored>().Single(s => s.RequestId == request.RequestId));

        Assert.Equal(stream.OfType<SearchCompleted>().Single().Front.Select(m => m.Candidate), replayed.OfType<SearchCompleted>().Single().Front.Select(m => m.Candidate));
        Assert.Equal(before, Volatile.Read(ref Timings));
    }

    [Fact]
    public void A_point_may_rank_and_be_constrained_by_latency_but_a_submitted_onnx_model_may_not()
    {
        var constraint = new Constraint(CostNames.Latency, ConstraintOperator.AtMost, 2.0, RelativeToSubmitted: false);
        var point = (ModelSubmitted)Given(MetricAndLatency, [constraint])[0];
        var onnx = point with { Point = null, Onnx = new OnnxModelRef(new string('a', 64), "model.onnx", 10) };

        Assert.True(new ModelSubmittedValidator().Validate(point).IsValid);
        var errors = new ModelSubmittedValidator().Validate(onnx).Errors.Select(e => e.ErrorMessage).ToList();
        Assert.Equal([ModelSubmittedValidator.LatencyNeedsPoint, ModelSubmittedValidator.LatencyNeedsPoint], errors);
    }
}
