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

    /// <summary>"k3e6" or "skip".</summary>
    public override string ToString() => IsSkip ? "skip" : $"k{Kernel}e{Expansion}";
}
