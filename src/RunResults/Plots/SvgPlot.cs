using OxyPlot;
using OxyPlot.Legends;

namespace NasPipeline.RunResults.Plots;

/// <summary>Writes a plot as an SVG document: OxyPlot's own exporter, which measures text without a native library.</summary>
public static class SvgPlot
{
    public static string ToSvg(PlotModel model, double width, double height)
    {
        // The font the measurer has metrics for (Helvetica's; Arial's are the same), named so viewers draw that width.
        model.DefaultFont = "Arial";
        // Viewers such as librsvg ignore dominant-baseline; the workaround places text explicitly, so every viewer agrees.
        return SvgExporter.ExportToString(model, width, height, isDocument: true, new PixelTextMeasurer(width, height),
            useVerticalTextAlignmentWorkaround: true);
    }

    /// <summary>One row of legend entries under the plot.</summary>
    public static Legend BottomLegend() => new()
    {
        LegendPlacement = LegendPlacement.Outside,
        LegendPosition = LegendPosition.BottomCenter,
        LegendOrientation = LegendOrientation.Horizontal,
        LegendItemSpacing = 28,
    };

    /// <summary>1_820_000 -> "1.82M": axis labels in the units MAC counts are quoted in (999,999.9 is "1M", not "1000k").</summary>
    public static string Si(double value)
    {
        foreach (var (scale, suffix) in new[] { (1e9, "G"), (1e6, "M"), (1e3, "k") })
        {
            if (Math.Abs(value) >= scale * 0.9995)
            {
                return FormattableString.Invariant($"{value / scale:0.##}{suffix}");
            }
        }

        return FormattableString.Invariant($"{value:0.##}");
    }
}
