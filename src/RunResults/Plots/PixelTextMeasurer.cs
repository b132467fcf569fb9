using OxyPlot;

namespace NasPipeline.RunResults.Plots;

/// <summary>
/// Measures text for the SVG exporter with the PDF context's built-in Helvetica metrics (no native library), scaled from
/// the PDF's points to the SVG's pixels (96 / 72): unscaled, every label came out a quarter narrower than viewers draw it,
/// and legends clipped their last entry. It only measures; drawing is the SVG context's.
/// </summary>
public sealed class PixelTextMeasurer(double width, double height) : RenderContextBase
{
    private const double PixelsPerPoint = 96.0 / 72.0;
    private readonly PdfRenderContext _pdf = new(width, height, OxyColors.White);

    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight) =>
        _pdf.MeasureText(text, fontFamily, fontSize * PixelsPerPoint, fontWeight);

    public override int ClipCount => 0;

    public override void PushClip(OxyRect clippingRectangle) => throw new NotSupportedException("A text measurer does not draw.");

    public override void PopClip() => throw new NotSupportedException("A text measurer does not draw.");

    public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode,
        double[]? dashArray, LineJoin lineJoin) => throw new NotSupportedException("A text measurer does not draw.");

    public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode,
        double[]? dashArray, LineJoin lineJoin) => throw new NotSupportedException("A text measurer does not draw.");

    public override void DrawText(ScreenPoint p, string text, OxyColor fill, string fontFamily, double fontSize, double fontWeight, double rotation,
        HorizontalAlignment halign, VerticalAlignment valign, OxySize? maxSize) => throw new NotSupportedException("A text measurer does not draw.");
}
