namespace NasPipeline.Latency;

/// <summary>The median of a sample: the middle value, or the mean of the two middle ones for an even count.</summary>
public static class Median
{
    public static double Of(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
