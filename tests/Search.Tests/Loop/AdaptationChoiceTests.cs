using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Search.Loop;
using static NasPipeline.Search.Tests.Loop.LoopHarness;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>Which front members go to adaptation: spread along the front (rules 2), the best by the first objective
/// (rules 1, streams recorded before).</summary>
public class AdaptationChoiceTests
{
    /// <summary>A hand-made 2-objective front (-accuracy, MACs), bunched at the accurate end: a1..a4 lie within 0.02 of
    /// accuracy of each other, then one member in the middle and one at the cheap end.</summary>
    private static readonly AdaptationCandidate[] Front =
    [
        new("a1", [-0.90, 100]),
        new("a2", [-0.89, 95]),
        new("a3", [-0.885, 92]),
        new("a4", [-0.88, 90]),
        new("mid", [-0.70, 50]),
        new("cheap", [-0.40, 10]),
    ];

    [Fact]
    public void The_spread_takes_the_most_accurate_then_the_far_end_then_the_widest_gap()
    {
        // Scaled to [0, 1]: a1 (0, 1), cheap (1, 0), mid (0.4, 0.44), a4 (0.04, 0.89). From {a1, cheap}: mid's nearest is
        // 0.68 away, a4's 0.12, so mid; then a4 is nearest to a1 (0.12), a3 0.09, a2 0.06: a4.
        Assert.Equal(["a1"], AdaptationChoice.SpreadAlongFront(Front, 1));
        Assert.Equal(["a1", "cheap"], AdaptationChoice.SpreadAlongFront(Front, 2));
        Assert.Equal(["a1", "cheap", "mid"], AdaptationChoice.SpreadAlongFront(Front, 3));
        Assert.Equal(["a1", "cheap", "mid", "a4"], AdaptationChoice.SpreadAlongFront(Front, 4));
        Assert.Equal(6, AdaptationChoice.SpreadAlongFront(Front, 10).Count);
    }

    [Fact]
    public void The_old_rule_takes_the_bunched_accurate_end()
    {
        Assert.Equal(["a1", "a2", "a3"], AdaptationChoice.ByFirstObjective(Front, 3));
    }

    [Fact]
    public void Equal_distances_go_to_the_smaller_name_whatever_the_input_order()
    {
        // After a and c (the far corner), b and d are both 1 from the nearest chosen: the tie goes to "b".
        AdaptationCandidate[] symmetric = [new("c", [1, 0]), new("a", [0, 1]), new("b", [0, 0]), new("d", [1, 1])];

        Assert.Equal(["a", "c", "b"], AdaptationChoice.SpreadAlongFront(symmetric, 3));
        Assert.Equal(["a", "c", "b"], AdaptationChoice.SpreadAlongFront(symmetric.Reverse().ToArray(), 3));
    }

    [Fact]
    public void A_run_sends_spread_members_and_an_old_stream_still_sends_the_best_by_the_first_objective()
    {
        var settings = new SearchSettings(Population: 12, Generations: 4, Iterations: 2, AdaptPerIteration: 3, InitialSamples: 10);
        var spread = Drive(new NatSearchDecider(Spaces, settings), Given());
        var old = Drive(new NatSearchDecider(Spaces, settings with { MutationEta = null, Rules = null }), Given());

        Assert.Equal(Expected(spread, AdaptationChoice.SpreadAlongFront), Sent(spread));
        Assert.Equal(Expected(old, AdaptationChoice.ByFirstObjective), Sent(old));
        Assert.True(SearchRedrive.Check(old, Spaces).Identical);
    }

    private static List<string> Sent(List<object> stream) =>
        stream.OfType<AdaptSubnet>().Where(a => a.Iteration == 0).Select(a => a.Candidate.Name).ToList();

    /// <summary>The choice recomputed from the recorded last generation of iteration 0: its front, the metrics as
    /// recorded (initial archive measured, the rest predicted), negated accuracy and MACs; the initial archive, measured
    /// already, is not sent again.</summary>
    private static IReadOnlyList<string> Expected(List<object> stream, Func<IReadOnlyList<AdaptationCandidate>, int, IReadOnlyList<string>> rule)
    {
        var last = stream.OfType<GenerationCompleted>().Last(g => g.Iteration == 0);
        var measuredFirst = stream.OfType<AdaptSubnet>().Where(a => a.Iteration == AdaptSubnet.InitialArchive).Select(a => a.Candidate.Name).ToHashSet();
        var pool = last.Front.Where(m => !measuredFirst.Contains(m.Candidate.Name)).Select(m => new AdaptationCandidate(m.Candidate.Name, [-m.Objectives[TaskName], m.Objectives["macs"]])).ToList();
        return rule(pool, 3);
    }
}
