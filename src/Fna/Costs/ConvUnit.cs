using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.Fna.Costs;

/// <summary>
/// One conv of a foreign chain as an exporter wrote it: the Conv, its BatchNormalization if not folded into the conv's
/// bias, and the activation after it (the op type, or null).
/// </summary>
internal sealed class ConvUnit
{
    private static readonly HashSet<string> Activations = new(StringComparer.Ordinal)
    {
        "Relu", "Clip", "HardSwish", "HardSigmoid", "Sigmoid", "LeakyRelu", "Gelu", "Tanh", "Elu", "Selu", "PRelu", "Mish",
    };

    private readonly string _what;
    private readonly float[] _weight;
    private readonly long[] _weightDims;
    private readonly float[]? _bias;
    private readonly (float[] Gamma, float[] Beta, float[] Mean, float[] Variance, float Epsilon)? _norm;

    private ConvUnit(string what, NodeProto node, float[] weight, long[] weightDims, float[]? bias,
        (float[], float[], float[], float[], float)? norm, string? activation, string output)
    {
        _what = what;
        Node = node;
        _weight = weight;
        _weightDims = weightDims;
        _bias = bias;
        _norm = norm;
        Activation = activation;
        Output = output;
    }

    public NodeProto Node { get; }

    public string? Activation { get; }

    /// <summary>The value after the conv, its BN and its activation.</summary>
    public string Output { get; }

    public int OutChannels => (int)_weightDims[0];

    public int Kernel => (int)_weightDims[2];

    public int Stride => (int)(OnnxGraphIndex.Ints(Node, "strides")?.FirstOrDefault() ?? 1);

    private long Group => OnnxGraphIndex.Int(Node, "group", 1);

    /// <summary>Reads the Conv that consumes <paramref name="input"/> and what follows it.</summary>
    public static ConvUnit Read(OnnxGraphIndex graph, string input, string what)
    {
        var conv = graph.Next(input, "Conv")
            ?? throw new FormatException($"Expected a Conv reading '{input}' ({what}); it is read by {graph.Describe(input)}.");
        var weight = graph.Tensor(conv.Input[1], $"the weight of Conv '{conv.Name}'");
        if (weight.Dims.Count != 4 || weight.Dims[2] != weight.Dims[3])
        {
            throw new FormatException($"Conv '{conv.Name}' ({what}) has weight [{string.Join(",", weight.Dims)}]: the chain's convs are 2-D with square kernels.");
        }

        var bias = conv.Input.Count > 2 && conv.Input[2].Length > 0 ? ChainOnnxReader.Floats(graph.Tensor(conv.Input[2], $"the bias of Conv '{conv.Name}'")) : null;
        var output = conv.Output[0];
        (float[], float[], float[], float[], float)? norm = null;
        if (graph.Only(output) is { OpType: "BatchNormalization" } bn)
        {
            float[] Input(int i) => ChainOnnxReader.Floats(graph.Tensor(bn.Input[i], $"input {i} of BatchNormalization '{bn.Name}'"));
            norm = (Input(1), Input(2), Input(3), Input(4), OnnxGraphIndex.Float(bn, "epsilon", 1e-5f));
            output = bn.Output[0];
        }

        string? activation = null;
        if (graph.Only(output) is { } next && Activations.Contains(next.OpType))
        {
            activation = next.OpType;
            output = next.Output[0];
        }

        return new ConvUnit(what, conv, ChainOnnxReader.Floats(weight), [.. weight.Dims], bias, norm, activation, output);
    }

    /// <summary>Refuses the conv, naming it, unless it is what the chain has at this place.</summary>
    public void Expect(int kernel, int stride, bool depthwise, bool activated)
    {
        var name = $"Conv '{Node.Name}' ({_what})";
        if (Kernel != kernel)
        {
            throw new FormatException($"{name} is {Kernel}x{Kernel}; the chain has a {kernel}x{kernel} conv here.");
        }

        var strides = OnnxGraphIndex.Ints(Node, "strides") ?? [1, 1];
        if (strides.Any(s => s != stride))
        {
            throw new FormatException($"{name} has strides [{string.Join(",", strides)}]; the chain has stride {stride} here.");
        }

        var pads = OnnxGraphIndex.Ints(Node, "pads") ?? [0, 0, 0, 0];
        var autoPad = Node.Attribute.FirstOrDefault(a => a.Name == "auto_pad")?.S.ToStringUtf8() ?? "NOTSET";
        // SAME padding is symmetric only for an odd kernel at stride 1.
        var symmetric = autoPad is "NOTSET" or "" ? pads.All(p => p == kernel / 2) : autoPad is "SAME_UPPER" or "SAME_LOWER" && stride == 1 && kernel % 2 == 1;
        if (!symmetric)
        {
            throw new FormatException($"{name} pads [{string.Join(",", pads)}] ({autoPad}); the chain pads {kernel / 2} on every side.");
        }

        if ((OnnxGraphIndex.Ints(Node, "dilations") ?? [1, 1]).Any(d => d != 1))
        {
            throw new FormatException($"{name} is dilated; the chain's convs are not.");
        }

        if (depthwise ? Group != OutChannels || _weightDims[1] != 1 : Group != 1)
        {
            throw new FormatException(depthwise
                ? $"{name} has group {Group} over {OutChannels} channels; the chain has a depthwise conv here."
                : $"{name} has group {Group}; the chain has a dense conv here.");
        }

        if (activated && Activation != "Relu")
        {
            throw new FormatException(Activation is null
                ? $"{name} has no activation after it; the chain has a ReLU here."
                : $"{name} is followed by {Activation}{(Activation == "Clip" ? " (ReLU6)" : "")}; the chain's activation is ReLU.");
        }

        if (!activated && Activation is not null)
        {
            throw new FormatException($"{name} is followed by {Activation}; the chain's projection convs have no activation.");
        }
    }

    /// <summary>The conv's weight, then the γ, β, mean and variance of the chain's BN (ε <see cref="ChainOnnxRecognizer.ChainEpsilon"/>)
    /// that computes what the exporter's bias and BN computed.</summary>
    public IEnumerable<ChainTensor> Tensors()
    {
        var channels = OutChannels;
        var bias = _bias ?? new float[channels];
        var (gamma, beta, mean, variance) = _norm is var (g, b, m, v, epsilon)
            ? (g, b, m.Zip(bias, (mi, bi) => mi - bi).ToArray(), v.Select(vi => (float)Math.Max(0, vi + epsilon - ChainOnnxRecognizer.ChainEpsilon)).ToArray())
            : (Filled(channels, 1f), bias, new float[channels], Filled(channels, (float)(1 - ChainOnnxRecognizer.ChainEpsilon)));
        yield return new ChainTensor($"{Node.Name}.weight", _weightDims, _weight);
        foreach (var (part, values) in new[] { ("gamma", gamma), ("beta", beta), ("mean", mean), ("variance", variance) })
        {
            if (values.Length != channels)
            {
                throw new FormatException($"The {part} of the BN after Conv '{Node.Name}' has {values.Length} values for {channels} channels.");
            }

            yield return new ChainTensor($"{Node.Name}.bn.{part}", [channels], values);
        }
    }

    private static float[] Filled(int count, float value) => Enumerable.Repeat(value, count).ToArray();
}
