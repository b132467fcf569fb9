using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.TorchRuntime;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>One node's execution: its attributes, its input values (null where an optional input is left out), the
/// model's opset and whether the network is training (batch statistics, dropout).</summary>
internal sealed class OperatorCall(NodeProto node, IReadOnlyList<Tensor?> inputs, long opset, bool training)
{
    public NodeProto Node { get; } = node;

    public long Opset { get; } = opset;

    public bool Training { get; } = training;

    public string Name => Node.Name.Length > 0 ? Node.Name : Node.Output.FirstOrDefault() ?? Node.OpType;

    public int InputCount => inputs.Count;

    public Tensor Input(int index) => index < inputs.Count && inputs[index] is { } t
        ? t
        : throw Refuse($"input {index} is required but missing.");

    public Tensor? OptionalInput(int index) => index < inputs.Count ? inputs[index] : null;

    public IEnumerable<Tensor> Inputs => inputs.Where(t => t is not null)!;

    public AttributeProto? Attribute(string name) => Node.Attribute.FirstOrDefault(a => a.Name == name);

    public long Int(string name, long fallback) => Attribute(name) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Attribute(name) is { } a ? a.F : fallback;

    public string String(string name, string fallback) => Attribute(name) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => Attribute(name) is { } a ? a.Ints.ToArray() : null;

    /// <summary>Integers that newer opsets pass as an input and older ones as an attribute (axes, pads, shapes).</summary>
    public long[]? IntsFromInputOrAttribute(int input, string attribute) =>
        OptionalInput(input) is { } t ? Values(t) : Ints(attribute);

    public static long[] Values(Tensor t)
    {
        using var flat = t.to_type(ScalarType.Int64).flatten();
        return flat.OnCpu().data<long>().ToArray();
    }

    public static float FloatValue(Tensor t) => Floats(t)[0];

    /// <summary>The tensor's values as float32, in row-major order (for operators computed on the CPU from values).</summary>
    public static float[] Floats(Tensor t)
    {
        using var flat = t.to_type(ScalarType.Float32).contiguous().flatten();
        return flat.OnCpu().data<float>().ToArray();
    }

    public OnnxNetworkException Refuse(string detail) => OnnxNetworkException.Unsupported(Node.OpType, Name, detail);
}
