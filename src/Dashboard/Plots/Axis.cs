namespace NasPipeline.Dashboard.Plots;

/// <summary>
/// One plot axis over the values it shows, padded by 5% each side; logarithmic when asked and the values are positive
/// and span ten times or more (MACs often do), so small networks are not squeezed into one corner.
/// </summary>
public sealed record Axis(double Min, double Max, bool Logarithmic)
{
    public static Axis Of(IEnumerable<double> values, bool logarithmic)
    {
        var list = values.ToList();
        var (min, max) = (list.Min(), list.Max());
        var log = logarithmic && min > 0 && max / min >= 10;
        var (low, high) = log ? (Math.Log10(min), Math.Log10(max)) : (min, max);
        var pad = high > low ? (high - low) * 0.05 : Math.Max(Math.Abs(high) * 0.05, 1e-3);
        return log ? new Axis(Math.Pow(10, low - pad), Math.Pow(10, high + pad), true) : new Axis(low - pad, high + pad, false);
    }

    /// <summary>Where <paramref name="value"/> lies between the ends, 0 to 1.</summary>
    public double Fraction(double value) => Logarithmic
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>Five evenly spaced ticks (in log space for a logarithmic axis).</summary>
    public IEnumerable<double> Ticks() => Enumerable.Range(0, 5).Select(i => i / 4.0).Select(f => Logarithmic
        ? Math.Pow(10, Math.Log10(Min) + f * (Math.Log10(Max) - Math.Log10(Min)))
        : Min + f * (Max - Min));
}
