using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Writing;

/// <summary>
/// Builds an ONNX ModelProto in code: float weights are declared with dims only (the search spaces' structural
/// networks, which only GraphExtract reads, in memory) or with their values (a runnable network), integer shape
/// operands are <c>Constant</c> nodes so they never count as params.
/// </summary>
public sealed class OnnxModelWriter(string graphName = "model", long opset = 17)
{
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private readonly GraphProto _graph = new() { Name = graphName };
    private readonly List<StringStringEntryProto> _metadata = [];
    private int _next;

    /// <summary>A fresh value name with a readable prefix.</summary>
    public string Fresh(string prefix) => $"{prefix}_{_next++}";

    public OnnxModelWriter Input(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        _graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = FloatType, Shape = shape } } });
        return this;
    }

    /// <summary>An input whose first axis is the symbolic <paramref name="batch"/>, the rest fixed.</summary>
    public OnnxModelWriter Input(string name, string batch, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        _graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = FloatType, Shape = shape } } });
        return this;
    }

    public OnnxModelWriter Output(string name)
    {
        _graph.Output.Add(new ValueInfoProto { Name = name });
        return this;
    }

    /// <summary>Declares a float weight (dims only) and returns its name.</summary>
    public string Weight(string prefix, params long[] dims)
    {
        var name = Fresh(prefix);
        _graph.Initializer.Add(new TensorProto { Name = name, DataType = FloatType, Dims = { dims } });
        return name;
    }

    /// <summary>A float weight with its values (row-major over <paramref name="dims"/>) and returns its name.</summary>
    public string Weight(string prefix, IReadOnlyList<long> dims, ReadOnlySpan<float> values)
    {
        var count = dims.Aggregate(1L, (a, d) => a * d);
        if (values.Length != count)
        {
            throw new ArgumentException($"A [{string.Join(", ", dims)}] weight holds {count} values, not {values.Length}.", nameof(values));
        }

        var name = Fresh(prefix);
        var raw = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        _graph.Initializer.Add(new TensorProto { Name = name, DataType = FloatType, Dims = { dims }, RawData = ByteString.CopyFrom(raw) });
        return name;
    }

    /// <summary>A <c>metadata_props</c> entry of the model: what a reader of the file should know about it.</summary>
    public OnnxModelWriter Metadata(string key, string value)
    {
        _metadata.Add(new StringStringEntryProto { Key = key, Value = value });
        return this;
    }

    /// <summary>An int64 vector as a Constant node (shape targets, permutations), not an initializer.</summary>
    public string Int64s(params long[] values)
    {
        var name = Fresh("const");
        var tensor = new TensorProto { DataType = Int64Type, Dims = { values.Length }, Int64Data = { values } };
        _graph.Node.Add(new NodeProto { OpType = "Constant", Name = name, Output = { name }, Attribute = { new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor } } });
        return name;
    }

    /// <summary>A float scalar as a Constant node (a scalar counts no params).</summary>
    public string Scalar(float value)
    {
        var name = Fresh("scalar");
        var tensor = new TensorProto { DataType = FloatType, FloatData = { value } };
        _graph.Node.Add(new NodeProto { OpType = "Constant", Name = name, Output = { name }, Attribute = { new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor } } });
        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string op, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) =>
        NamedNode(Fresh(op.ToLowerInvariant()), op, inputs, attributes);

    /// <summary>Adds a node whose one output is <paramref name="output"/> (a graph output's chosen name).</summary>
    public string NamedNode(string output, string op, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output, Input = { inputs }, Output = { output } };
        foreach (var a in attributes)
        {
            node.Attribute.Add(a.ToProto());
        }

        _graph.Node.Add(node);
        return output;
    }

    public byte[] Build() => new ModelProto
    {
        IrVersion = 8,
        ProducerName = "NasPipeline",
        OpsetImport = { new OperatorSetIdProto { Domain = "", Version = opset } },
        Graph = _graph,
        MetadataProps = { _metadata },
    }.ToByteArray();
}
