using System.Globalization;
using NasPipeline.RunResults.Model;

namespace NasPipeline.RunResults.Rendering;

/// <summary>How the renderers write numbers: CSV and JSON round-trip exactly, the text table is for reading.</summary>
public static class Numbers
{
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Whole(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "?";

    public static string Metric(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    public static string Source(ValueSource source) => source.ToString().ToLowerInvariant();

    /// <summary>"predicted (gnn-adapter v1)", "measured (adapted subnet)".</summary>
    public static string From(ResultValue value) => value.By is null ? Source(value.Source) : $"{Source(value.Source)} ({value.By})";

    /// <summary>A graph hash is 64 hex digits; 12 tell them apart in a table, as `runs` and `show` shorten blobs.</summary>
    public static string Short(string candidate) => candidate.Length == 64 && candidate.All(Uri.IsHexDigit) ? candidate[..12] : candidate;
}
