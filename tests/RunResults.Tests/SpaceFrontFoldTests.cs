using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.RunResults.Folding;
using NasPipeline.RunResults.Model;
using static NasPipeline.RunResults.Tests.RunEvents;

namespace NasPipeline.RunResults.Tests;

/// <summary>Given a space run's events, Then the front's rows: exact costs, each metric traced to its prediction or measurement.</summary>
public sealed class SpaceFrontFoldTests
{
    // Pinned independently in SearchSpaces.Tests (Macs_range_is_pinned).
    private const long SmallestMacs = 881_208;
    private const long LargestMacs = 12_367_600;

    private static IEnumerable<object> TwoIterations() =>
    [
        SubmittedPoint(Mbv3.Smallest, "classification"),
        Graph(Hash('g'), SmallestMacs, 1),
        Predictor("classification", "gnn-adapter", 1),
        Scored(0, 1, (Smallest, "classification", 0.70), (Largest, "classification", 0.90)),
        Generation(0, 0, Member(Smallest, ("classification", 0.70), ("macs", SmallestMacs)), Member(Largest, ("classification", 0.90), ("macs", LargestMacs))),
        new AdaptSubnet(Run, Guid.NewGuid(), 0, Candidate.Point(Largest), ["classification"], 7),
        Adapted(Largest, "classification", 0.93),
        Predictor("classification", "rbf", 2),
        Scored(11, 2, (Smallest, "classification", 0.72)),
        Generation(1, 0, Member(Smallest, ("classification", 0.72), ("macs", SmallestMacs)), Member(Largest, ("classification", 0.93), ("macs", LargestMacs))),
        new SearchCompleted(Run, [Member(Smallest, ("classification", 0.72), ("macs", SmallestMacs)), Member(Largest, ("classification", 0.93), ("macs", LargestMacs))], []),
    ];

    [Fact]
    public void Final_front_rows_have_exact_costs_and_each_metric_from_the_refit_prediction_or_the_measurement()
    {
        var result = RunResultFold.Of(Run, TwoIterations(), Spaces);

        Assert.Equal(RunKind.Space, result.Kind);
        Assert.True(result.Completed);
        Assert.Equal(["classification", "macs"], result.Objectives);
        Assert.Equal(["classification"], result.Metrics);
        Assert.Equal([Smallest, Largest], result.Front.Select(r => r.Candidate));

        var small = result.Front[0];
        Assert.Equal(SmallestMacs, small.Macs);
        Assert.Equal(ExtractedParams(Mbv3.Smallest), small.Params);
        Assert.Equal(new ResultValue("classification", 0.72, ValueSource.Predicted, "rbf v2", 2), small.Value("classification"));
        Assert.Equal(ResultValue.Exact("macs", SmallestMacs), small.Value("macs"));

        var large = result.Front[1];
        Assert.Equal(LargestMacs, large.Macs);
        Assert.Equal(ExtractedParams(Mbv3.Largest), large.Params);
        Assert.Equal(new ResultValue("classification", 0.93, ValueSource.Measured, "adapted subnet"), large.Value("classification"));
    }

    [Fact]
    public void Each_generation_keeps_the_sources_its_values_had_when_it_was_reported()
    {
        var result = RunResultFold.Of(Run, TwoIterations(), Spaces);

        Assert.Equal([(0, 0), (1, 0)], result.Generations.Select(g => (g.Iteration, g.Generation)));
        var first = result.Generations[0].Members;
        Assert.Equal(new ResultValue("classification", 0.70, ValueSource.Predicted, "gnn-adapter v1", 1), first[0].Value("classification"));
        Assert.Equal(new ResultValue("classification", 0.90, ValueSource.Predicted, "gnn-adapter v1", 1), first[1].Value("classification"));
        Assert.Equal(ValueSource.Measured, result.Generations[1].Members[1].Value("classification")!.Source);
    }

    [Fact]
    public void The_submitted_point_is_named_as_the_search_names_it_with_its_latest_prediction()
    {
        var result = RunResultFold.Of(Run, TwoIterations(), Spaces);

        Assert.Equal(Smallest, result.Submitted!.Candidate);
        Assert.Equal(SmallestMacs, result.Submitted.Macs);
        Assert.Equal([new ResultValue("classification", 0.72, ValueSource.Predicted, "rbf v2", 2)], result.Submitted.Values);
    }

    [Fact]
    public void The_submitted_point_takes_each_task_from_the_latest_score_that_holds_it()
    {
        var result = RunResultFold.Of(Run,
        [
            SubmittedPoint(Mbv3.Smallest, "classification", "segmentation"),
            Scored(0, 1, (Smallest, "classification", 0.6)),
            Scored(0, 1, (Smallest, "segmentation", 0.3)),
        ], Spaces);

        Assert.Equal([("classification", 0.6), ("segmentation", 0.3)], result.Submitted!.Values.Select(v => (v.Name, v.Value)));
    }

    [Fact]
    public void Before_completion_the_front_is_the_latest_generation_and_says_so()
    {
        var result = RunResultFold.Of(Run, TwoIterations().Take(5), Spaces);

        Assert.False(result.Completed);
        Assert.Equal([0.70, 0.90], result.Front.Select(r => r.Value("classification")!.Value));
        Assert.Empty(result.Path);
    }

    [Fact]
    public void A_value_no_event_holds_is_unknown_and_a_score_without_a_recorded_predictor_names_the_run_version()
    {
        var result = RunResultFold.Of(Run,
        [
            SubmittedPoint(Mbv3.Largest, "classification"),
            Scored(0, 3, (Largest, "classification", 0.5)),
            new SearchCompleted(Run, [Member(Largest, ("classification", 0.5), ("params", 9)), Member(Smallest, ("classification", 0.25))], []),
        ], Spaces);

        Assert.Equal(new ResultValue("classification", 0.5, ValueSource.Predicted, "predictor v3", 3), result.Front[0].Value("classification"));
        Assert.Equal(ValueSource.Unknown, result.Front[1].Value("classification")!.Source);
        Assert.Equal(ExtractedParams(Mbv3.Largest), result.Front[0].Params);
    }

    [Fact]
    public void A_failed_run_says_where_and_why_it_stopped()
    {
        var result = RunResultFold.Of(Run,
            [SubmittedPoint(Mbv3.Smallest, "classification"), new RunFailed(Run, "predict", "NoPredictor: No predictor for task 'classification'", DateTimeOffset.UnixEpoch)],
            Spaces);

        Assert.Equal("failed in predict: NoPredictor: No predictor for task 'classification'", result.Failure);
        Assert.StartsWith("the run failed in predict: NoPredictor", Rendering.ResultText.Result(result), StringComparison.Ordinal);
        Assert.Contains("no front yet", Rendering.ResultText.Result(result), StringComparison.Ordinal);
    }

    [Fact]
    public void An_evaluated_subnet_is_a_measurement_of_its_point()
    {
        var evaluated = new SubnetEvaluated(Run, new SearchSpacePoint(Mbv3.Name, Mbv3.Smallest), "classification", "top1", 0.81, "test", 1000,
            SmallestMacs, 1, Hash('d'));

        var result = RunResultFold.Of(Run,
            [SubmittedPoint(Mbv3.Smallest, "classification"), evaluated, new SearchCompleted(Run, [Member(Smallest, ("classification", 0.81))], [])], Spaces);

        Assert.Equal(new ResultValue("classification", 0.81, ValueSource.Measured, "evaluated subnet (test)"), result.Front[0].Value("classification"));
    }

    private static long ExtractedParams(IReadOnlyList<int> point) =>
        new OnnxGraphExtractor().Extract(Mbv3.ToOnnx(point), ExtractionOptions.ForInput($"1x1x{Resolution(point)}x{Resolution(point)}")).TotalParams;

    private static int Resolution(IReadOnlyList<int> point) => ((SearchSpaces.MobileNetV3.MobileNetV3Space)Mbv3).Decode(point).Resolution;
}
