using NasPipeline.Vision.Backbones;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NasPipeline.Adaptation.PseudoLabels.Networks;

/// <summary>
/// A submitted network's feature maps put where a task's shared head reads a supernet's: for each of the head's
/// levels, the network's level of the nearest stride (on a log scale, the finer one on a tie), a 1x1 convolution to the
/// head level's channels, and a bilinear resize when that map's grid is not the head level's. The head was trained on
/// the supernet's widths and grids, which an arbitrary network does not share; the projection is the only new part,
/// learned in the brief fine-tune.
/// </summary>
public sealed class FeatureProjection : Module<Tensor[], Tensor[]>
{
    private readonly ModuleList<Conv2d> _convolutions = new();
    private readonly int[] _sources;
    private readonly long[][] _grids;

    /// <param name="network">The network's levels, finest first.</param>
    /// <param name="head">The levels the head reads, finest first.</param>
    /// <param name="headGrids">Each head level's [height, width] on the task's images.</param>
    /// <param name="seed">Fixes the convolutions' initial weights.</param>
    public FeatureProjection(FeatureSpec network, FeatureSpec head, IReadOnlyList<long[]> headGrids, int seed) : base(nameof(FeatureProjection))
    {
        if (network.Levels.Count == 0 || head.Levels.Count == 0)
        {
            throw new ArgumentException("Both the network and the head need at least one feature level.");
        }

        if (headGrids.Count != head.Levels.Count || headGrids.Any(g => g.Length != 2))
        {
            throw new ArgumentException($"One [height, width] per head level is needed: {head.Levels.Count} levels, {headGrids.Count} grids.", nameof(headGrids));
        }

        _sources = head.Levels.Select(level => NearestLevel(network, level.Stride)).ToArray();
        _grids = headGrids.Select(g => g.ToArray()).ToArray();
        random.manual_seed(seed);
        for (var i = 0; i < head.Levels.Count; i++)
        {
            _convolutions.Add(Conv2d(network.Levels[_sources[i]].Channels, head.Levels[i].Channels, 1));
        }

        register_module("convolutions", _convolutions);
    }

    /// <summary>Which network level feeds each head level.</summary>
    public IReadOnlyList<int> Sources => _sources;

    /// <summary>The level whose stride is nearest <paramref name="stride"/> in log scale; the finer one on a tie.</summary>
    public static int NearestLevel(FeatureSpec network, int stride)
    {
        var best = 0;
        for (var i = 1; i < network.Levels.Count; i++)
        {
            if (Distance(network.Levels[i].Stride, stride) < Distance(network.Levels[best].Stride, stride))
            {
                best = i;
            }
        }

        return best;
    }

    public override Tensor[] forward(Tensor[] features)
    {
        var result = new Tensor[_sources.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var projected = _convolutions[i].call(features[_sources[i]]);
            result[i] = projected.shape[2] == _grids[i][0] && projected.shape[3] == _grids[i][1]
                ? projected
                : functional.interpolate(projected, _grids[i], mode: InterpolationMode.Bilinear, align_corners: false);
        }

        return result;
    }

    private static double Distance(int a, int b) => Math.Abs(Math.Log2(a) - Math.Log2(b));
}
