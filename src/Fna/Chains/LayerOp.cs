using System.Globalization;

namespace NasPipeline.Fna.Chains;

/// <summary>What one layer of a chain computes: an inverted residual block (1x1 expand by <see cref="Expansion"/>,
/// <see cref="Kernel"/> x <see cref="Kernel"/> depthwise, 1x1 project), or nothing (<see cref="Skip"/>, the identity).</summary>
public sealed record LayerOp(int Kernel, int Expansion)
{
    public static readonly LayerOp Skip = new(0, 0);

    public bool IsSkip => Kernel == 0;

    public static LayerOp MbConv(int kernel, int expansion)
    {
        if (kernel < 1 || kernel % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "A depthwise kernel is odd and at least 1, so it pads symmetrically.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(expansion, 1);
        return new LayerOp(kernel, expansion);
    }

    /// <summary>What <see cref="ToString"/> wrote: "k3e6" or "skip".</summary>
    public static LayerOp Parse(string text)
    {
        if (text == "skip")
        {
            return Skip;
        }

        var at = text.IndexOf('e', StringComparison.Ordinal);
        if (text.StartsWith('k') && at > 1 && int.TryParse(text.AsSpan(1, at - 1), CultureInfo.InvariantCulture, out var kernel)
            && int.TryParse(text.AsSpan(at + 1), CultureInfo.InvariantCulture, out var expansion))
        {
            return MbConv(kernel, expansion);
        }

        throw new FormatException($"'{text}' is not a layer: expected kKeE (e.g. k3e6) or skip.");
    }

    /// <summary>"k3e6" or "skip".</summary>
    public override string ToString() => IsSkip ? "skip" : $"k{Kernel}e{Expansion}";
}
