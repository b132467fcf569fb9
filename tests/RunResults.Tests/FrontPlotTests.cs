using NasPipeline.Contracts.Events;
using NasPipeline.RunResults.Folding;
using NasPipeline.RunResults.Plots;
using static NasPipeline.RunResults.Tests.RunEvents;
using NasPipeline.Contracts.Model;

namespace NasPipeline.RunResults.Tests;

public sealed class FrontPlotTests
{
    private static readonly string Middle = SearchSpaces.CandidateCodec.Encode(Mbv3.Name, Mbv3.Repair(Mbv3.Sample(new Random(3))));

    /// <summary>Two generations; the final front has two predicted members and one measured, on two tasks.</summary>
    private static Model.RunResult TwoTasks() => RunResultFold.Of(Run,
    [
        SubmittedPoint(Mbv3.Smallest, "classification", "segmentation"),
        Scored(0, 1, (Smallest, "classification", 0.6), (Largest, "classification", 0.8), (Middle, "classification", 0.7)),
        Scored(0, 1, (Smallest, "segmentation", 0.3), (Largest, "segmentation", 0.5), (Middle, "segmentation", 0.4)),
        Generation(0, 0, Member(Smallest, ("classification", 0.6), ("segmentation", 0.3)), Member(Largest, ("classification", 0.8), ("segmentation", 0.5))),
        new SubnetAdapted(Run, Guid.NewGuid(), Candidate.Point(Largest), new Dictionary<string, double> { ["classification"] = 0.85, ["segmentation"] = 0.55 }, Hash('w'), 7),
        Generation(0, 1, Member(Smallest, ("classification", 0.6), ("segmentation", 0.3)), Member(Largest, ("classification", 0.85), ("segmentation", 0.55))),
        new SearchCompleted(Run,
        [
            Member(Smallest, ("classification", 0.6), ("segmentation", 0.3)),
            Member(Largest, ("classification", 0.85), ("segmentation", 0.55)),
            Member(Middle, ("classification", 0.7), ("segmentation", 0.4)),
        ], []),
    ], Spaces);

    [Fact]
    public void The_svg_is_well_formed_and_holds_one_final_marker_per_front_member_and_metric()
    {
        var svg = SvgDocument.Parse(FrontPlot.Svg(TwoTasks()));

        Assert.Equal(3 * 2, SvgDocument.FinalMarkers(svg).Count);
        Assert.Equal(2 * 2, SvgDocument.FinalMarkers(svg, "ellipse").Count);
        Assert.Equal(1 * 2, SvgDocument.FinalMarkers(svg, "polygon").Count);
    }

    [Fact]
    public void The_legend_tells_predicted_from_measured_and_names_the_first_and_last_generation()
    {
        var texts = SvgDocument.Texts(SvgDocument.Parse(FrontPlot.Svg(TwoTasks())));

        Assert.Contains("predicted (circle)", texts);
        Assert.Contains("measured (diamond)", texts);
        Assert.Contains("final front", texts);
        Assert.Contains("submitted network", texts);
        Assert.Contains("generation 0", texts);
        Assert.Contains("generation 1", texts);
        Assert.Contains("classification", texts);
        Assert.Contains("segmentation", texts);
    }

    [Fact]
    public void Macs_spanning_a_decade_get_a_log_axis_and_a_narrower_range_a_linear_one()
    {
        Assert.Contains("MACs (log scale)", SvgDocument.Texts(SvgDocument.Parse(FrontPlot.Svg(TwoTasks()))));

        var narrow = RunResultFold.Of(Run,
        [
            SubmittedOnnx("classification"),
            Graph(Hash('0'), 1_000_000, 5_000),
            Scored(0, 1, (Hash('0'), "classification", 0.5), (Hash('1'), "classification", 0.5)),
            Generation(0, 1, Member(Hash('1'), ("classification", 0.5), ("macs", 800_000), ("params", 4_500))),
            new SearchCompleted(Run, [Member(Hash('1'), ("classification", 0.5), ("macs", 800_000), ("params", 4_500))], [], Hash('m')),
        ], Spaces);
        var texts = SvgDocument.Texts(SvgDocument.Parse(FrontPlot.Svg(narrow)));
        Assert.Contains("MACs", texts);
        Assert.DoesNotContain("MACs (log scale)", texts);
        Assert.Contains("submitted network", texts);
        Assert.Single(SvgDocument.FinalMarkers(SvgDocument.Parse(FrontPlot.Svg(narrow))));
    }

    [Theory]
    [InlineData(881_208, "881.21k")]
    [InlineData(12_367_600, "12.37M")]
    [InlineData(999_999.9, "1M")]
    [InlineData(4_089_184_256, "4.09G")]
    [InlineData(512, "512")]
    public void Axis_labels_are_in_si_units(double value, string label) => Assert.Equal(label, SvgPlot.Si(value));
}
