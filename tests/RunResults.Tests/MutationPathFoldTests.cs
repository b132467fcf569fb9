using NasPipeline.Contracts.Events;
using NasPipeline.RunResults.Folding;
using NasPipeline.RunResults.Model;
using static NasPipeline.RunResults.Tests.RunEvents;

namespace NasPipeline.RunResults.Tests;

/// <summary>Given a mutation search's events, Then its path: the submitted network, each network the search moved to, the kept one last.</summary>
public sealed class MutationPathFoldTests
{
    private static readonly string Submitted = Hash('0');

    /// <summary>Round 1 keeps mutant 1, round 2 keeps nothing (the current network is reported again), round 3 keeps mutant 4.</summary>
    private static IEnumerable<object> ThreeRounds() =>
    [
        SubmittedOnnx("classification"),
        Graph(Submitted, 1_000_000, 5_000),
        Predictor("classification", "gnn-adapter", 1),
        Scored(0, 1, (Submitted, "classification", 0.50)),
        Scored(1, 1, (Hash('1'), "classification", 0.52), (Hash('2'), "classification", 0.49)),
        Generation(0, 1, Member(Hash('1'), ("classification", 0.52), ("macs", 800_000), ("params", 4_500))),
        Scored(2, 1, (Hash('3'), "classification", 0.40)),
        Generation(0, 2, Member(Hash('1'), ("classification", 0.52), ("macs", 800_000), ("params", 4_500))),
        Scored(3, 1, (Hash('4'), "classification", 0.55)),
        Generation(0, 3, Member(Hash('4'), ("classification", 0.55), ("macs", 600_000), ("params", 4_000))),
        new SearchCompleted(Run, [Member(Hash('4'), ("classification", 0.55), ("macs", 600_000), ("params", 4_000))], [], Hash('m')),
    ];

    [Fact]
    public void The_path_starts_at_the_submitted_network_and_ends_at_the_kept_one_with_each_kept_round()
    {
        var result = RunResultFold.Of(Run, ThreeRounds(), Spaces);

        Assert.Equal(RunKind.Onnx, result.Kind);
        Assert.True(result.Completed);
        Assert.Equal(Hash('m'), result.KeptModelBlobHash);
        Assert.Equal(
        [
            new PathStep(0, null, Submitted, null, 1_000_000, 5_000, [Predicted(0.50)]),
            new PathStep(1, 1, Hash('1'), null, 800_000, 4_500, [Predicted(0.52)]),
            new PathStep(2, 3, Hash('4'), null, 600_000, 4_000, [Predicted(0.55)]),
        ], result.Path, PathStepComparer.Instance);
        Assert.Equal(result.Front.Single().Candidate, result.Path[^1].Candidate);
    }

    [Fact]
    public void A_search_that_keeps_nothing_has_a_path_of_the_submitted_network_alone()
    {
        var result = RunResultFold.Of(Run,
        [
            SubmittedOnnx("classification"),
            Graph(Submitted, 1_000_000, 5_000),
            Scored(0, 1, (Submitted, "classification", 0.50)),
            Scored(1, 1, (Hash('1'), "classification", 0.40)),
            Generation(0, 1, Member(Submitted, ("classification", 0.50), ("macs", 1_000_000), ("params", 5_000))),
            new SearchCompleted(Run, [Member(Submitted, ("classification", 0.50), ("macs", 1_000_000), ("params", 5_000))], [], Hash('m')),
        ], Spaces);

        var only = Assert.Single(result.Path);
        Assert.Equal(Submitted, only.Candidate);
        Assert.Equal(1_000_000, only.Macs);
        Assert.Equal(new ResultValue("classification", 0.50, ValueSource.Predicted, "predictor v1", 1), only.Metric("classification"));
    }

    [Fact]
    public void A_running_search_has_the_path_so_far_and_no_kept_model()
    {
        var result = RunResultFold.Of(Run, ThreeRounds().Take(8), Spaces);

        Assert.False(result.Completed);
        Assert.Null(result.KeptModelBlobHash);
        Assert.Equal([Submitted, Hash('1')], result.Path.Select(s => s.Candidate));
        Assert.Equal([1, 2], result.Generations.Select(g => g.Generation));
    }

    private static ResultValue Predicted(double value) => new("classification", value, ValueSource.Predicted, "gnn-adapter v1", 1);

    /// <summary>Records compare lists by reference; a step equals another when its fields and metrics are equal.</summary>
    private sealed class PathStepComparer : IEqualityComparer<PathStep>
    {
        public static readonly PathStepComparer Instance = new();

        public bool Equals(PathStep? x, PathStep? y) =>
            x is not null && y is not null && x with { Metrics = [] } == y with { Metrics = [] } && x.Metrics.SequenceEqual(y.Metrics);

        public int GetHashCode(PathStep obj) => obj.Candidate.GetHashCode(StringComparison.Ordinal);
    }
}
