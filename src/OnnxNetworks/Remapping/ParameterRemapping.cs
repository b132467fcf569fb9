using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Remapping;

/// <summary>
/// FNA's parameter remapping (Fang et al., ICLR 2020) of one tensor into another shape, axis by axis:
/// <list type="bullet">
/// <item>width (channel axes): the first channels are kept; channels the source lacks keep the target's own values
/// (a fresh BN's 1 and 0, or a fresh init), so BatchNorm's four vectors remap like the conv they follow;</item>
/// <item>kernel (spatial axes): a smaller kernel takes the larger one's centre; a larger kernel gets the smaller one at
/// its centre with zeros around, so the grown conv computes what the seed's did.</item>
/// </list>
/// Depth is <see cref="DepthRemapping"/>: a layer the seed's stage lacks copies the stage's last layer.
/// </summary>
public static class ParameterRemapping
{
    /// <summary>The conv weight layout [out channels, in channels / groups, kernel h, kernel w].</summary>
    public static readonly AxisKind[] ConvWeight = [AxisKind.Channels, AxisKind.Channels, AxisKind.Kernel, AxisKind.Kernel];

    /// <summary>A depthwise conv weight [channels, 1, kernel h, kernel w].</summary>
    public static readonly AxisKind[] DepthwiseWeight = [AxisKind.Channels, AxisKind.Fixed, AxisKind.Kernel, AxisKind.Kernel];

    /// <summary>A bias or any of BatchNorm's vectors [channels].</summary>
    public static readonly AxisKind[] ChannelVector = [AxisKind.Channels];

    /// <summary>A linear layer's weight [out, in].</summary>
    public static readonly AxisKind[] LinearWeight = [AxisKind.Channels, AxisKind.Channels];

    /// <summary><paramref name="source"/> remapped into <paramref name="target"/>'s shape; <paramref name="target"/> gives the
    /// values of channels the source lacks and is not changed.</summary>
    public static Tensor Remap(Tensor source, Tensor target, IReadOnlyList<AxisKind> axes)
    {
        if (source.dim() != axes.Count || target.dim() != axes.Count)
        {
            throw new ArgumentException($"Remapping needs tensors of rank {axes.Count}; got [{string.Join(",", source.shape)}] and [{string.Join(",", target.shape)}].");
        }

        var result = target.detach().clone();
        var from = source.detach();
        var into = result;
        for (var axis = 0; axis < axes.Count; axis++)
        {
            var (s, t) = (source.shape[axis], target.shape[axis]);
            switch (axes[axis])
            {
                case AxisKind.Fixed when s != t:
                    throw new ArgumentException($"Axis {axis} must match: source {s}, target {t}.");
                case AxisKind.Channels:
                    var kept = Math.Min(s, t);
                    from = from.narrow(axis, 0, kept);
                    into = into.narrow(axis, 0, kept);
                    break;
                case AxisKind.Kernel when s > t:
                    from = from.narrow(axis, (s - t) / 2, t);
                    break;
                case AxisKind.Kernel when s < t:
                    // The whole kernel axis is zeroed once, then the smaller kernel goes to its centre.
                    into.zero_();
                    into = into.narrow(axis, (t - s) / 2, s);
                    break;
            }
        }

        into.copy_(from);
        return result;
    }
}
