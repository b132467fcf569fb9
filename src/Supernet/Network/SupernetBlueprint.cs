using NasPipeline.Supernet.Elastic;

namespace NasPipeline.Supernet.Network;

/// <summary>
/// The largest network of a supernet, stage by stage. A search space's adapter builds one from the space's
/// largest point; <see cref="Narrow"/> gives the blueprint of a single subnet, used to extract it.
/// </summary>
/// <param name="MaxResolution">The resolution the input is taken to be at; a subnet's smaller resolution resizes the input by the ratio.</param>
/// <param name="InputResolution">The image side a point's resolution is relative to (null: <paramref name="MaxResolution"/>); a 28-px image fed to a space whose resolutions reach 32 is scaled up by 32/28.</param>
/// <param name="FeatureMix">A fixed-width conv after the last stage whose output is the last feature level (the spaces' "feature mix").</param>
public sealed record SupernetBlueprint(
    int InputChannels,
    int MaxResolution,
    int MaxStemWidth,
    int StemStride,
    IReadOnlyList<StageBlueprint> Stages,
    FeatureMixBlueprint? FeatureMix = null,
    int? InputResolution = null)
{
    /// <summary>The image side at which a subnet's resolution means "unchanged".</summary>
    public int ReferenceResolution => InputResolution ?? MaxResolution;

    public SupernetBlueprint WithSwitchableScaling(bool on) => this with
    {
        Stages = Stages.Select(s => s is TransformerStageBlueprint t ? t with { SwitchableScaling = on } : s).ToArray(),
    };

    public SupernetBlueprint Narrow(SubnetConfig config)
    {
        if (config.Stages.Count != Stages.Count)
        {
            throw new ArgumentException($"The subnet has {config.Stages.Count} stages, the supernet {Stages.Count}.", nameof(config));
        }

        return this with
        {
            MaxStemWidth = config.StemWidth,
            Stages = Stages.Zip(config.Stages, (stage, choice) => stage.Narrow(choice)).ToArray(),
        };
    }
}

/// <summary>One stage; <paramref name="FeatureWidth"/> set means its output is a feature level, projected to that fixed width.</summary>
public abstract record StageBlueprint(int Stride, int? FeatureWidth)
{
    public abstract int MaxWidth { get; }

    public abstract StageBlueprint Narrow(StageConfig choice);
}

/// <summary>MBConv layers; a subnet uses the first layers (depth) with its own kernel and expansion per layer.</summary>
public sealed record ConvStageBlueprint(
    int Width,
    int Stride,
    IReadOnlyList<ConvLayerBlueprint> Layers,
    bool SqueezeExcite,
    Activation Activation,
    int? FeatureWidth) : StageBlueprint(Stride, FeatureWidth)
{
    public override int MaxWidth => Width;

    public override StageBlueprint Narrow(StageConfig choice)
    {
        var conv = choice as ConvStageConfig ?? throw new ArgumentException("A convolution stage needs a ConvStageConfig.", nameof(choice));
        return this with
        {
            Width = conv.Width,
            Layers = conv.Layers.Select(l => new ConvLayerBlueprint(l.Kernel, l.Expansion)).ToArray(),
        };
    }
}

public sealed record ConvLayerBlueprint(int MaxKernel, int MaxExpansion);

/// <summary>
/// NASViT's transformer stage: an entry to the stage width (a strided MBConv, kernel 3, fixed expansion; or a 1x1
/// conv + BN), then transformer layers; a subnet picks the width, depth (first layers), MLP ratio and windows.
/// </summary>
public sealed record TransformerStageBlueprint(
    IReadOnlyList<int> Widths,
    int Stride,
    int MaxDepth,
    IReadOnlyList<int> MlpRatios,
    int HeadSize,
    int DownsampleExpansion,
    bool SwitchableScaling,
    int? FeatureWidth,
    TransformerEntry Entry = TransformerEntry.StridedMbConv) : StageBlueprint(Stride, FeatureWidth)
{
    public override int MaxWidth => Widths.Max();

    public override StageBlueprint Narrow(StageConfig choice)
    {
        var transformer = choice as TransformerStageConfig ?? throw new ArgumentException("A transformer stage needs a TransformerStageConfig.", nameof(choice));
        return this with { Widths = [transformer.Width], MaxDepth = transformer.Depth, MlpRatios = [transformer.MlpRatio] };
    }
}

/// <summary>How a transformer stage reaches its width from the previous stage's map.</summary>
public enum TransformerEntry
{
    /// <summary>NASViT's strided MBConv (kernel 3).</summary>
    StridedMbConv,

    /// <summary>A 1x1 conv + BN at the stage's stride, as the nasvit-hybrid space writes it.</summary>
    Pointwise,
}

/// <summary>A k x k conv + BN + h-swish to a fixed width after the last stage; its output is the last feature level.</summary>
public sealed record FeatureMixBlueprint(int Width, int Kernel, int Stride);
