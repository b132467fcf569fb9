using NasPipeline.ComputationGraph.Writing;

namespace NasPipeline.Supernet.Export;

/// <summary>The ONNX form of the supernet's layers in eval mode, weights read from the subnet's state: convolutions
/// with their BatchNorm folded in, linears, LayerNorm, and the activations with TorchSharp's exact definitions.</summary>
internal sealed class OnnxLayers(OnnxModelWriter writer, SubnetWeights weights)
{
    public OnnxModelWriter Writer => writer;

    /// <summary>Conv <paramref name="conv"/> (padding k/2, as the elastic convs pad) with BatchNorm <paramref name="norm"/>
    /// folded in from its stored statistics: w' = w g / sqrt(var + eps), b' = beta + (b - mean) g / sqrt(var + eps).</summary>
    public OnnxMap Conv(OnnxMap x, string conv, string? norm, int stride, int groups = 1)
    {
        var (dims, w) = weights[$"{conv}.weight"];
        var (outChannels, kernel) = ((int)dims[0], (int)dims[2]);
        var perOutput = w.Length / outChannels;
        var convBias = weights.Has($"{conv}.bias") ? weights[$"{conv}.bias"].Values : null;
        var folded = new float[w.Length];
        var bias = new float[outChannels];
        for (var o = 0; o < outChannels; o++)
        {
            var (scale, shift) = (1.0, convBias?[o] ?? 0.0);
            if (norm is not null)
            {
                var eps = weights.Eps(norm);
                var (gamma, beta) = (weights[$"{norm}.weight"].Values[o], weights[$"{norm}.bias"].Values[o]);
                var (mean, variance) = (weights[$"{norm}.running_mean"].Values[o], weights[$"{norm}.running_var"].Values[o]);
                scale = gamma / Math.Sqrt(variance + eps);
                shift = beta + ((shift - mean) * scale);
            }

            for (var i = 0; i < perOutput; i++)
            {
                folded[(o * perOutput) + i] = (float)(w[(o * perOutput) + i] * scale);
            }

            bias[o] = (float)shift;
        }

        var pad = kernel / 2;
        var name = writer.Node("Conv", [x.Name, writer.Weight("w", dims, folded), writer.Weight("b", [outChannels], bias)],
            OnnxAttribute.Of("kernel_shape", kernel, kernel), OnnxAttribute.Of("strides", stride, stride),
            OnnxAttribute.Of("pads", pad, pad, pad, pad), OnnxAttribute.Of("group", (long)groups));
        return new OnnxMap(name, outChannels, Out(x.H, kernel, stride, pad), Out(x.W, kernel, stride, pad));
    }

    public OnnxMap Apply(OnnxMap x, string op) => x with { Name = writer.Node(op, [x.Name]) };

    /// <summary>torch's hardsigmoid, relu6(x + 3) / 6: ONNX's HardSigmoid with alpha 1/6 (its default is 0.2).</summary>
    public string HardSigmoid(string x) =>
        writer.Node("HardSigmoid", [x], OnnxAttribute.Of("alpha", 1f / 6), OnnxAttribute.Of("beta", 0.5f));

    /// <summary>torch's linear: x W^T + b, W stored transposed as MatMul's [in, out] operand.</summary>
    public string Linear(string x, string prefix)
    {
        var (dims, w) = weights[$"{prefix}.weight"];
        var (outFeatures, inFeatures) = (dims[0], dims[1]);
        var transposed = new float[w.Length];
        for (var o = 0; o < outFeatures; o++)
        {
            for (var i = 0; i < inFeatures; i++)
            {
                transposed[(i * outFeatures) + o] = w[(o * inFeatures) + i];
            }
        }

        var product = writer.Node("MatMul", [x, writer.Weight("w", [inFeatures, outFeatures], transposed)]);
        return writer.Node("Add", [product, Weight($"{prefix}.bias")]);
    }

    public string LayerNorm(string x, string prefix) =>
        writer.Node("LayerNormalization", [x, Weight($"{prefix}.weight"), Weight($"{prefix}.bias")],
            OnnxAttribute.Of("axis", -1L), OnnxAttribute.Of("epsilon", (float)weights.Eps(prefix)));

    /// <summary>torch's exact gelu, x (1 + erf(x / sqrt 2)) / 2 (opset 18 has no Gelu).</summary>
    public string Gelu(string x)
    {
        var erf = writer.Node("Erf", [writer.Node("Div", [x, writer.Scalar(MathF.Sqrt(2f))])]);
        var gate = writer.Node("Add", [erf, writer.Scalar(1f)]);
        return writer.Node("Mul", [writer.Node("Mul", [x, gate]), writer.Scalar(0.5f)]);
    }

    /// <summary>A state tensor as it is (a bias, a scale) as an initializer.</summary>
    public string Weight(string name)
    {
        var (dims, values) = weights[name];
        return writer.Weight("p", dims, values);
    }

    public string Reshape(string x, params long[] shape) => writer.Node("Reshape", [x, writer.Int64s(shape)]);

    public string Transpose(string x, params long[] perm) => writer.Node("Transpose", [x], OnnxAttribute.Of("perm", perm));

    private static int Out(int size, int kernel, int stride, int pad) => ((size + (2 * pad) - kernel) / stride) + 1;
}
