using NasPipeline.SearchSpaces.Architecture;
using NasPipeline.SearchSpaces.NasVit;
using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Network;

namespace NasPipeline.Supernet.Designs;

/// <summary>
/// The supernet of nasvit-hybrid: MBConv stages (every layer allocated at k7 e6), then transformer stages entered by
/// a 1x1 conv at stride 1 as the space writes them, the two projected levels and the 3x3 stride-2 feature mix. The
/// space counts windows (1 or 4); the supernet's blocks take the tiles per side (1 or 2). Resolutions are relative to
/// the 28-px source images, so r32 scales them up.
/// </summary>
public sealed class NasVitHybridDesign(NasVitHybridSpace space, bool switchableScaling = true) : ISupernetDesign
{
    /// <summary>The side of the images the tasks feed (Fashion-MNIST).</summary>
    public const int SourceResolution = 28;

    public SupernetBlueprint Blueprint { get; } = CreateBlueprint(switchableScaling);

    public SubnetConfig Decode(IReadOnlyList<int> encoding)
    {
        var a = space.Decode(encoding);
        var conv = a.ConvStages.Select((layers, s) => (StageConfig)new ConvStageConfig(
            NasVitHybridSpace.ConvStages[s].BaseWidth,
            layers.Select(l => new ConvLayerConfig(l.Kernel, l.Expansion)).ToArray()));
        var transformers = a.TransformerStages.Select(t => (StageConfig)new TransformerStageConfig(
            t.Width, t.Blocks.Count, t.MlpRatio, TilesPerSide(t.Windows)));
        return new SubnetConfig(a.Resolution, a.Stem.OutChannels, [.. conv, .. transformers]);
    }

    private static int TilesPerSide(int windows)
    {
        var side = (int)Math.Round(Math.Sqrt(windows));
        return side * side == windows ? side : throw new ArgumentException($"{windows} windows do not tile a square grid.", nameof(windows));
    }

    private static SupernetBlueprint CreateBlueprint(bool switchableScaling)
    {
        var conv = NasVitHybridSpace.ConvStages.Select(stage => (StageBlueprint)new ConvStageBlueprint(
            stage.BaseWidth,
            stage.Stride,
            Enumerable.Repeat(new ConvLayerBlueprint(ChoiceMax.Kernel, ChoiceMax.Expansion), stage.MaxDepth).ToArray(),
            stage.SqueezeExcite,
            stage.HardSwish ? Activation.HardSwish : Activation.Relu,
            stage.FeatureWidth));
        var transformers = NasVitHybridSpace.TransformerStages.Select(t => (StageBlueprint)new TransformerStageBlueprint(
            t.Widths,
            Stride: 1,
            t.MaxDepth,
            t.MlpRatios,
            NasVitHybridSpace.HeadDim,
            DownsampleExpansion: 1,
            switchableScaling,
            t.FeatureWidth,
            TransformerEntry.Pointwise));
        var mix = NasVitHybridSpace.FeatureLevels[^1];
        return new SupernetBlueprint(
            NasVitHybridSpace.InputChannels,
            NasVitHybridSpace.Resolutions.Max(),
            NasVitHybridSpace.StemWidth,
            StemStride: 2,
            [.. conv, .. transformers],
            new FeatureMixBlueprint(mix.Channels, 3, 2),
            InputResolution: SourceResolution);
    }
}
