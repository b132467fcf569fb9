using System.Globalization;

namespace NasPipeline.Cli.Output;

public static class Units
{
    /// <summary>1_820_000_000 -> "1.82 G": three significant figures, the precision published MAC counts use.</summary>
    public static string Si(long value)
    {
        var (scaled, suffix) = Math.Abs(value) switch
        {
            >= 1_000_000_000 => (value / 1e9, " G"),
            >= 1_000_000 => (value / 1e6, " M"),
            >= 1_000 => (value / 1e3, " k"),
            _ => (value, ""),
        };
        return scaled.ToString(suffix.Length == 0 ? "0" : "0.##", CultureInfo.InvariantCulture) + suffix;
    }

    public static string Shape(IReadOnlyList<long> dims) => string.Join('x', dims);

    /// <summary>A change given as a reduction (0.25: a quarter fewer), signed as the change: "-25.00 %", or "+12.50 %" when
    /// the count grew (a mutant that no longer shares a weight tensor has more parameters).</summary>
    public static string Change(double reduction) =>
        (reduction > 0 ? "-" : reduction < 0 ? "+" : "") + Math.Abs(reduction).ToString("P2", CultureInfo.InvariantCulture);
}
