using System.Globalization;

namespace NasPipeline.Cli.Commands;

/// <summary><c>--target-macs</c>: a factor of the original network's MACs ("0.8x") or a count of MACs ("5000000").</summary>
public sealed record TargetMacs(double? Factor, long? Count)
{
    public static TargetMacs Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('x') && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor is > 0 and <= 1)
        {
            return new TargetMacs(factor, null);
        }

        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return new TargetMacs(null, count);
        }

        throw new CliUsageException($"--target-macs is a factor of the seed's MACs in (0, 1] followed by x (0.8x) or a positive count of MACs, not '{text}'.");
    }

    public long Of(long originalMacs) => Count ?? (long)Math.Floor(Factor!.Value * originalMacs);
}
