using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.Fna.Costs;

/// <summary>An ONNX graph read as a dataflow: who consumes each value, and each weight's values wherever the exporter
/// put them (an initializer, a Constant node, or either behind an Identity).</summary>
internal sealed class OnnxGraphIndex
{
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);

    public OnnxGraphIndex(GraphProto graph)
    {
        Initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input.Where(i => i.Length > 0))
            {
                if (!_consumers.TryGetValue(input, out var list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(node);
            }

            foreach (var output in node.Output)
            {
                _producers[output] = node;
            }
        }
    }

    public IReadOnlyDictionary<string, TensorProto> Initializers { get; }

    public IReadOnlyList<NodeProto> Consumers(string value) => _consumers.GetValueOrDefault(value) ?? [];

    /// <summary>The consumer of <paramref name="value"/> of that op type, if any.</summary>
    public NodeProto? Next(string value, string opType) => Consumers(value).FirstOrDefault(n => n.OpType == opType);

    /// <summary>The only consumer of <paramref name="value"/>, when there is exactly one.</summary>
    public NodeProto? Only(string value) => Consumers(value) is [var node] ? node : null;

    /// <summary>"Conv 'conv_3', Add 'add_1'": what reads <paramref name="value"/>, for an error message.</summary>
    public string Describe(string value) => Consumers(value) is { Count: > 0 } nodes
        ? string.Join(", ", nodes.Select(n => $"{n.OpType} '{n.Name}'"))
        : "nothing (it is an output)";

    /// <summary>The constant tensor behind <paramref name="name"/>.</summary>
    public TensorProto Tensor(string name, string where)
    {
        while (true)
        {
            if (Initializers.TryGetValue(name, out var initializer))
            {
                return initializer;
            }

            switch (_producers.GetValueOrDefault(name))
            {
                case { OpType: "Identity" } identity:
                    name = identity.Input[0];
                    continue;
                case { OpType: "Constant" } constant when constant.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } value:
                    return value;
                default:
                    throw new FormatException($"'{name}' ({where}) is not a constant of the model: a weight computed at run time cannot be read.");
            }
        }
    }

    public static long Int(NodeProto node, string attribute, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == attribute) is { } a ? a.I : fallback;

    public static float Float(NodeProto node, string attribute, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == attribute) is { } a ? a.F : fallback;

    public static long[]? Ints(NodeProto node, string attribute) =>
        node.Attribute.FirstOrDefault(a => a.Name == attribute) is { } a ? [.. a.Ints] : null;
}
