using NasPipeline.RunResults.Plots;

namespace NasPipeline.RunResults.Tests;

public sealed class PredictionPlotTests
{
    [Fact]
    public void Title_holds_the_srcc_mean_and_std_to_three_places()
    {
        Assert.Equal("gnn on val_accuracy, train 50: SRCC 0.843 ± 0.078", PredictionPlot.Title("gnn", "val_accuracy", 50, 0.84349, 0.0776));
    }

    [Fact]
    public void The_svg_holds_one_marker_per_test_architecture_of_every_seed_and_the_title()
    {
        var seeds = new[]
        {
            new PredictionSeries(0, [0.1, 0.2, 0.3], [0.15, 0.1, 0.35]),
            new PredictionSeries(1, [0.4, 0.5], [0.5, 0.45]),
        };

        var svg = SvgDocument.Parse(PredictionPlot.Svg("ridge on acc, train 5: SRCC 0.500 ± 0.100", seeds));

        Assert.Equal(5, svg.Descendants().Count(e => e.Name.LocalName == "ellipse") - 2); // two legend symbols
        var texts = SvgDocument.Texts(svg);
        Assert.Contains("ridge on acc, train 5: SRCC 0.500 ± 0.100", texts);
        Assert.Contains("seed 0", texts);
        Assert.Contains("seed 1", texts);
        Assert.Contains("predicted = true", texts);
    }
}
