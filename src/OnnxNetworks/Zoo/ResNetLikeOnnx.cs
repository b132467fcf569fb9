using NasPipeline.ComputationGraph.Writing;

namespace NasPipeline.OnnxNetworks.Zoo;

/// <summary>
/// A small ResNet for 28x28 images, written as ONNX without weight values (the interpreter seeds them, He-normal, when
/// it is trained: <c>nasp train resnet-like</c>): a 3x3 stem, then per stage <paramref name="blocksPerStage"/> basic
/// blocks (two 3x3 conv + BatchNorm, ReLU, identity shortcut; a 1x1 conv + BatchNorm shortcut where the stage halves the
/// resolution or changes width), then global average pooling and a linear classifier.
/// </summary>
public static class ResNetLikeOnnx
{
    public const string Name = "resnet-like";

    public static readonly IReadOnlyList<int> DefaultWidths = [16, 32, 64];

    public static byte[] Write(int inputChannels = 1, int imageSize = 28, IReadOnlyList<int>? widths = null, int blocksPerStage = 2, int classes = 10)
    {
        widths ??= DefaultWidths;
        var writer = new OnnxModelWriter("resnet_like").Input("images", "batch", inputChannels, imageSize, imageSize);
        var x = writer.Node("Relu", [ConvBn(writer, "images", inputChannels, widths[0], 3, 1)]);
        var channels = widths[0];
        for (var stage = 0; stage < widths.Count; stage++)
        {
            for (var block = 0; block < blocksPerStage; block++)
            {
                x = BasicBlock(writer, x, channels, widths[stage], stage > 0 && block == 0 ? 2 : 1);
                channels = widths[stage];
            }
        }

        var pooled = writer.Node("Flatten", [writer.Node("GlobalAveragePool", [x])], OnnxAttribute.Of("axis", 1L));
        var logits = writer.Node("Gemm", [pooled, writer.Weight("fc_w", classes, channels), writer.Weight("fc_b", classes)], OnnxAttribute.Of("transB", 1L));
        writer.NamedNode("logits", "Identity", [logits]);
        return writer.Output("logits")
            .Metadata("nas_pipeline.network", $"{Name}: widths {string.Join("/", widths)}, {blocksPerStage} basic blocks per stage")
            .Build();
    }

    private static string BasicBlock(OnnxModelWriter writer, string x, int inChannels, int outChannels, int stride)
    {
        var y = writer.Node("Relu", [ConvBn(writer, x, inChannels, outChannels, 3, stride)]);
        y = ConvBn(writer, y, outChannels, outChannels, 3, 1);
        var shortcut = stride != 1 || inChannels != outChannels ? ConvBn(writer, x, inChannels, outChannels, 1, stride) : x;
        return writer.Node("Relu", [writer.Node("Add", [y, shortcut])]);
    }

    private static string ConvBn(OnnxModelWriter writer, string x, int inChannels, int outChannels, int kernel, int stride)
    {
        var conv = writer.Node("Conv", [x, writer.Weight("conv_w", outChannels, inChannels, kernel, kernel)],
            OnnxAttribute.Of("kernel_shape", kernel, kernel), OnnxAttribute.Of("strides", stride, stride),
            OnnxAttribute.Of("pads", kernel / 2, kernel / 2, kernel / 2, kernel / 2));
        return writer.Node("BatchNormalization",
            [conv, writer.Weight("bn_gamma", outChannels), writer.Weight("bn_beta", outChannels), writer.Weight("bn_mean", outChannels), writer.Weight("bn_var", outChannels)],
            OnnxAttribute.Of("epsilon", 1e-5f));
    }
}
