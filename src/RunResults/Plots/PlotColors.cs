using NasPipeline.RunResults.Model;
using OxyPlot;

namespace NasPipeline.RunResults.Plots;

/// <summary>The plots' palette and marker shapes: generations from light to dark blue, the final front in red; the
/// shape says where a value came from.</summary>
public static class PlotColors
{
    public static readonly OxyColor Final = OxyColor.FromRgb(0xd6, 0x27, 0x28);
    public static readonly OxyColor Submitted = OxyColor.FromRgb(0x11, 0x11, 0x11);
    public static readonly OxyColor Key = OxyColor.FromRgb(0x70, 0x70, 0x70);
    private static readonly OxyColor Light = OxyColor.FromRgb(0xc6, 0xdb, 0xef);
    private static readonly OxyColor Dark = OxyColor.FromRgb(0x08, 0x30, 0x6b);

    /// <summary>The colour of generation <paramref name="index"/> of <paramref name="count"/>: later is darker.</summary>
    public static OxyColor Generation(int index, int count) =>
        OxyColor.Interpolate(Light, Dark, count <= 1 ? 1.0 : index / (double)(count - 1));

    public static MarkerType Marker(ValueSource source) => source switch
    {
        ValueSource.Measured => MarkerType.Diamond,
        ValueSource.Predicted => MarkerType.Circle,
        _ => MarkerType.Square,
    };
}
