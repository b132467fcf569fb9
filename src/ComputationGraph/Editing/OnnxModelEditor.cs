using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Editing;

/// <summary>
/// A private copy of an ONNX model that mutations edit in place: initializer slices, node attributes, rewiring and
/// dead-node removal. A sliced weight keeps the data of the entries it keeps, so a mutant computes what the submitted
/// network computes on the channels and taps that remain. What the file never carried stays empty
/// (<see cref="TensorSlice.HasData"/>) for the caller to fill (<see cref="TensorValues.Write"/>).
/// </summary>
public sealed class OnnxModelEditor
{
    private readonly ModelProto _model;

    private OnnxModelEditor(ModelProto model)
    {
        _model = model;
        // Declared intermediate shapes would contradict the edited weights; the extractor infers them again.
        _model.Graph.ValueInfo.Clear();
    }

    /// <summary>Parses a model and gives every weight reader its own initializer (see <see cref="UnshareWeights"/>).</summary>
    public static OnnxModelEditor Parse(byte[] bytes)
    {
        var editor = new OnnxModelEditor(OnnxModelReader.Parse(bytes, ExtractionOptions.Default));
        editor.UnshareWeights();
        return editor;
    }

    public OnnxModelEditor Clone() => new(_model.Clone());

    public byte[] ToBytes() => _model.ToByteArray();

    public IReadOnlyList<NodeProto> Nodes => _model.Graph.Node;

    public IEnumerable<string> GraphInputs => _model.Graph.Input.Select(i => i.Name);

    public IEnumerable<string> GraphOutputs => _model.Graph.Output.Select(o => o.Name);

    public bool IsInitializerName(string name) => Initializer(name) is not null;

    public TensorProto? Initializer(string name) => _model.Graph.Initializer.FirstOrDefault(t => t.Name == name);

    public IReadOnlyList<TensorProto> Initializers => _model.Graph.Initializer;

    /// <summary>Sets a <c>metadata_props</c> entry of the model (what a reader of the file should know about it).</summary>
    public void SetMetadata(string key, string value)
    {
        var entry = _model.MetadataProps.FirstOrDefault(p => p.Key == key);
        if (entry is null)
        {
            _model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        else
        {
            entry.Value = value;
        }
    }

    /// <summary>Names known before run time: initializers and the outputs of Constant nodes.</summary>
    public HashSet<string> Constants()
    {
        var constants = _model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in _model.Graph.Node.Where(n => n.OpType == "Constant"))
        {
            constants.UnionWith(node.Output);
        }

        return constants;
    }

    /// <summary>A node's stable name: exporters may leave names empty, and its first output is unique in the graph.</summary>
    public static string NodeName(NodeProto node) => node.Name.Length > 0 ? node.Name : node.Output[0];

    public static long IntAttribute(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    public static IReadOnlyList<long>? IntsAttribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints;

    public static void SetIntAttribute(NodeProto node, string name, long value)
    {
        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (attribute is null)
        {
            node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });
        }
        else
        {
            attribute.I = value;
        }
    }

    public static void SetIntsAttribute(NodeProto node, string name, IEnumerable<long> values)
    {
        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (attribute is null)
        {
            attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
            node.Attribute.Add(attribute);
        }

        attribute.Ints.Clear();
        attribute.Ints.AddRange(values);
    }

    /// <summary>Keeps the given ranges of one axis of an initializer, its data with them (see <see cref="TensorSlice"/>).</summary>
    public void SliceInitializer(string name, int axis, IReadOnlyList<KeptRange> keep)
    {
        var tensor = Initializer(name) ?? throw new InvalidOperationException($"'{name}' is not an initializer.");
        if (keep.Count == 0)
        {
            throw new InvalidOperationException($"'{name}' would lose every element on axis {axis}.");
        }

        TensorSlice.Apply(tensor, axis, keep);
    }

    /// <summary>
    /// Exporters deduplicate equal tensors (torch: an <c>Identity</c> per extra reader of one initializer, e.g. the
    /// all-zero folded biases of a randomly initialised network). Shrinking one conv must not resize another's
    /// weight, so each Identity of an initializer becomes an initializer of its own and each further reader gets a
    /// copy. Params then count every copy, as an undeduplicated export would.
    /// </summary>
    private void UnshareWeights()
    {
        var graph = _model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var identity in graph.Node.Where(n => n.OpType == "Identity" && initializers.ContainsKey(n.Input[0])).ToList())
        {
            var copy = initializers[identity.Input[0]].Clone();
            copy.Name = identity.Output[0];
            graph.Initializer.Add(copy);
            initializers[copy.Name] = copy;
            graph.Node.Remove(identity);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                var name = node.Input[i];
                if (initializers.TryGetValue(name, out var tensor) && !seen.Add(name))
                {
                    var copy = tensor.Clone();
                    copy.Name = $"{name}__{NodeName(node)}_{i}";
                    graph.Initializer.Add(copy);
                    initializers[copy.Name] = copy;
                    node.Input[i] = copy.Name;
                }
            }
        }

        foreach (var input in graph.Input.Where(i => initializers.ContainsKey(i.Name)).ToList())
        {
            graph.Input.Remove(input);   // old-IR exports list initializers as inputs too; the copies are not listed
        }
    }

    /// <summary>Every node input reading <paramref name="from"/> reads <paramref name="to"/> instead.</summary>
    public void Rewire(string from, string to)
    {
        foreach (var node in _model.Graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == from)
                {
                    node.Input[i] = to;
                }
            }
        }
    }

    /// <summary>Removes nodes whose outputs nobody reads (repeatedly), then initializers nobody reads.</summary>
    public void RemoveDeadNodes()
    {
        var outputs = GraphOutputs.ToHashSet(StringComparer.Ordinal);
        bool removed;
        do
        {
            var read = _model.Graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
            var dead = _model.Graph.Node.Where(n => !n.Output.Any(o => read.Contains(o) || outputs.Contains(o))).ToList();
            foreach (var node in dead)
            {
                _model.Graph.Node.Remove(node);
            }

            removed = dead.Count > 0;
        }
        while (removed);

        var stillRead = _model.Graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var tensor in _model.Graph.Initializer.Where(t => !stillRead.Contains(t.Name)).ToList())
        {
            _model.Graph.Initializer.Remove(tensor);
        }
    }
}
