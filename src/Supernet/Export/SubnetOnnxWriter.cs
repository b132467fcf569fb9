using NasPipeline.ComputationGraph.Writing;
using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Network;

namespace NasPipeline.Supernet.Export;

/// <summary>
/// Writes an extracted subnet as a runnable ONNX network that computes what the supernet computes for that subnet in
/// eval mode (BatchNorm from its stored statistics, folded into the convolutions): images [N, C, r, r] at the subnet's
/// resolution r, as the space's own network takes them (the supernet first resizes its input bilinearly from the
/// reference side to r; that resize is the caller's, like any preprocessing), then stem, stages, and one graph output
/// per feature level (<c>feature0</c>, <c>feature1</c>, ...: the projections, then the feature mix), in
/// <see cref="ElasticNetwork.Features"/>' order. Opset 17, the search spaces' own.
/// </summary>
public static class SubnetOnnxWriter
{
    public const string InputName = "images";
    private const long Opset = 17;

    public static byte[] Write(ExtractedSubnet subnet, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var blueprint = subnet.Network.Blueprint;
        var config = subnet.Config;
        var writer = new OnnxModelWriter("subnet", Opset);
        foreach (var (key, value) in metadata)
        {
            writer.Metadata(key, value);
        }

        var l = new OnnxLayers(writer, new SubnetWeights(subnet.Module));
        var side = config.Resolution;
        writer.Input(InputName, "batch", blueprint.InputChannels, side, side);
        var x = new OnnxMap(InputName, blueprint.InputChannels, side, side);
        x = l.Apply(l.Conv(x, "stem", "stem_bn", blueprint.StemStride), "HardSwish");
        var level = 0;
        for (var s = 0; s < blueprint.Stages.Count; s++)
        {
            x = blueprint.Stages[s] switch
            {
                ConvStageBlueprint conv => ConvStage(l, x, $"stages.{s}", conv, (ConvStageConfig)config.Stages[s]),
                TransformerStageBlueprint transformer => TransformerStage(l, x, $"stages.{s}", transformer, (TransformerStageConfig)config.Stages[s]),
                var other => throw new NotSupportedException($"No ONNX form for stage kind {other.GetType().Name}."),
            };
            if (blueprint.Stages[s].FeatureWidth is not null)
            {
                Feature(l, x, $"projections.{level}", 1, level);
                level++;
            }
        }

        if (blueprint.FeatureMix is { } mix)
        {
            Feature(l, x, "mix", mix.Stride, level);
        }

        return writer.Build();
    }

    private static OnnxMap ConvStage(OnnxLayers l, OnnxMap x, string prefix, ConvStageBlueprint stage, ConvStageConfig config)
    {
        for (var i = 0; i < config.Layers.Count; i++)
        {
            x = MbConv(l, x, $"{prefix}.layers.{i}", i == 0 ? stage.Stride : 1, stage.Activation, stage.SqueezeExcite);
        }

        return x;
    }

    private static OnnxMap TransformerStage(OnnxLayers l, OnnxMap x, string prefix, TransformerStageBlueprint stage, TransformerStageConfig config)
    {
        x = stage.Entry == TransformerEntry.Pointwise
            ? l.Conv(x, $"{prefix}.entry", $"{prefix}.entry_bn", stage.Stride)
            : MbConv(l, x, $"{prefix}.downsample", stage.Stride, Activation.HardSwish, squeezeExcite: false);
        var scaleKey = stage.SwitchableScaling ? ElasticTransformerBlock.ConfigurationKey(config.Width, config.MlpRatio) : null;
        for (var i = 0; i < config.Depth; i++)
        {
            x = OnnxTransformerBlock.Write(l, x, $"{prefix}.layers.{i}", config.Windows, stage.HeadSize, scaleKey);
        }

        return x;
    }

    /// <summary><see cref="ElasticMbConv"/>: 1x1 expand, depthwise, optional squeeze-excite, 1x1 project, residual when
    /// the stride is 1 and the widths match.</summary>
    private static OnnxMap MbConv(OnnxLayers l, OnnxMap x, string prefix, int stride, Activation activation, bool squeezeExcite)
    {
        var act = activation == Activation.Relu ? "Relu" : "HardSwish";
        var hidden = l.Apply(l.Conv(x, $"{prefix}.expand", $"{prefix}.expand_bn", 1), act);
        hidden = l.Apply(l.Conv(hidden, $"{prefix}.depthwise", $"{prefix}.depthwise_bn", stride, groups: hidden.C), act);
        if (squeezeExcite)
        {
            var pooled = hidden with { Name = l.Writer.Node("GlobalAveragePool", [hidden.Name]), H = 1, W = 1 };
            var reduced = l.Apply(l.Conv(pooled, $"{prefix}.se.reduce", null, 1), "Relu");
            var gate = l.HardSigmoid(l.Conv(reduced, $"{prefix}.se.expand", null, 1).Name);
            hidden = hidden with { Name = l.Writer.Node("Mul", [hidden.Name, gate]) };
        }

        var output = l.Conv(hidden, $"{prefix}.project", $"{prefix}.project_bn", 1);
        return stride == 1 && x.C == output.C ? output with { Name = l.Writer.Node("Add", [output.Name, x.Name]) } : output;
    }

    /// <summary>A <see cref="FeatureProjection"/> (conv + BN + h-swish) whose output is graph output <c>feature{level}</c>.</summary>
    private static void Feature(OnnxLayers l, OnnxMap x, string prefix, int stride, int level)
    {
        var projected = l.Conv(x, $"{prefix}.conv", $"{prefix}.bn", stride);
        var name = l.Writer.NamedNode($"feature{level}", "HardSwish", [projected.Name]);
        l.Writer.Output(name);
    }
}
