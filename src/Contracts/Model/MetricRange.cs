namespace NasPipeline.Contracts.Model;

/// <summary>
/// The values a metric can take. A predictor knows its metric only through the labels it learnt from, so the range is
/// the scale those labels are on: a fraction when every label lies in [0, 1] (top-1, mIoU, PCK, mAP as the vision
/// tasks report them), a percentage when every label lies in [0, 100] (the benchmarks' accuracies), none otherwise
/// (PSNR, a loss). A prediction outside it is impossible, so it is clamped and the score says so.
/// </summary>
public sealed record MetricRange(double Min, double Max)
{
    public static readonly MetricRange Fraction = new(0, 1);

    public static readonly MetricRange Percentage = new(0, 100);

    /// <summary>The range of the scale <paramref name="labels"/> are on, or null when they fit neither or there are none.</summary>
    public static MetricRange? Of(IEnumerable<double> labels)
    {
        var finite = labels.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? null
            : finite.All(Fraction.Contains) ? Fraction
            : finite.All(Percentage.Contains) ? Percentage
            : null;
    }

    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>The nearest value in range, and whether it had to move (a NaN stays as it is: no range makes it a number).</summary>
    public (double Value, bool Clamped) Clamp(double value) =>
        value < Min ? (Min, true) : value > Max ? (Max, true) : (value, false);
}
