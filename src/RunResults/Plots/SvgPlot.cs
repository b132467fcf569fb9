using OxyPlot;

namespace NasPipeline.RunResults.Plots;

/// <summary>Writes a plot as an SVG document: OxyPlot's own exporter, which measures text without a native library.</summary>
public static class SvgPlot
{
    public static string ToSvg(PlotModel model, double width, double height) =>
        SvgExporter.ExportToString(model, width, height, isDocument: true);

    public static void Write(PlotModel model, string path, double width, double height) =>
        File.WriteAllText(path, ToSvg(model, width, height));
}
