using NasPipeline.SearchSpaces.Architecture;
using NasPipeline.SearchSpaces.MobileNetV3;
using NasPipeline.Supernet.Elastic;
using Channels = NasPipeline.SearchSpaces.Architecture.Channels;
using NasPipeline.Supernet.Network;

namespace NasPipeline.Supernet.Designs;

/// <summary>
/// The supernet of mbv3-28: the space's largest point (width x1.25, every layer k7 e6) as the blueprint, the space's
/// three projected feature levels and its 256-wide feature mix as the last level; a point decodes to the widths,
/// kernels and expansions the space's own <c>Decode</c> gives.
/// </summary>
public sealed class MobileNetV3Design(MobileNetV3Space space) : ISupernetDesign
{
    public SupernetBlueprint Blueprint { get; } = CreateBlueprint(space);

    public SubnetConfig Decode(IReadOnlyList<int> encoding) => ToConfig(space.Decode(encoding));

    private static SubnetConfig ToConfig(MobileNetV3Architecture a) => new(
        a.Resolution,
        a.Stem.OutChannels,
        a.Stages.Select((layers, s) => (StageConfig)new ConvStageConfig(
            StageWidth(a.WidthMultiplier, s),
            layers.Select(l => new ConvLayerConfig(l.Kernel, l.Expansion)).ToArray())).ToArray());

    private static int StageWidth(double multiplier, int stage) =>
        Channels.MakeDivisible(MobileNetV3Space.Stages[stage].BaseWidth * multiplier);

    private static SupernetBlueprint CreateBlueprint(MobileNetV3Space space)
    {
        var largest = space.Decode(space.Largest);
        var stages = MobileNetV3Space.Stages.Select((stage, s) => (StageBlueprint)new ConvStageBlueprint(
            StageWidth(largest.WidthMultiplier, s),
            stage.Stride,
            Enumerable.Repeat(new ConvLayerBlueprint(ChoiceMax.Kernel, ChoiceMax.Expansion), stage.MaxDepth).ToArray(),
            stage.SqueezeExcite,
            stage.HardSwish ? Activation.HardSwish : Activation.Relu,
            stage.FeatureWidth)).ToArray();
        return new SupernetBlueprint(
            MobileNetV3Space.InputChannels,
            MobileNetV3Space.Resolutions.Max(),
            largest.Stem.OutChannels,
            largest.Stem.Stride,
            stages,
            new FeatureMixBlueprint(largest.FeatureMixChannels, 1, 1));
    }
}
