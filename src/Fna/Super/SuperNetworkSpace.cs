using NasPipeline.Fna.Chains;

namespace NasPipeline.Fna.Super;

/// <summary>
/// FNA's search space around a seed chain: every layer chooses an inverted residual block of kernel
/// <see cref="Kernels"/> x expansion <see cref="Expansions"/>, or a skip where the layer keeps width and stride (not a
/// stage's first layer); each stage gets <see cref="AddedLayers"/> more layers than the seed's.
/// </summary>
public sealed record SuperNetworkSpace(IReadOnlyList<int> Kernels, IReadOnlyList<int> Expansions, int AddedLayers)
{
    /// <summary>FNA's (and ProxylessNAS's) space: k3/5/7 x e3/6 and skip, one layer more per stage than the seed.</summary>
    public static SuperNetworkSpace Default { get; } = new([3, 5, 7], [3, 6], 1);

    /// <summary>The candidates of a layer in α's order: kernels outer, expansions inner, then skip where allowed.</summary>
    public IReadOnlyList<LayerOp> Candidates(bool skippable)
    {
        var ops = Kernels.SelectMany(k => Expansions.Select(e => LayerOp.MbConv(k, e))).ToList();
        if (skippable)
        {
            ops.Add(LayerOp.Skip);
        }

        return ops;
    }
}
