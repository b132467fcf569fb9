using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.Search.Mutation;

/// <summary>
/// Finds the channel groups of a model: every tensor carries a layout (the groups along its channel axis, one per
/// concatenated segment); convolutions and Gemms with stored weights start a group, element-wise ops (residual
/// adds, squeeze-excite products) merge their inputs' groups, depthwise convolutions, batch norms, activations
/// and pools pass them through, Concat on the channel axis joins layouts. A group that reaches an op this does not
/// understand, a graph input or a graph output is frozen. Also records every place a channel count is stored.
/// </summary>
internal sealed class ChannelGroupAnalysis
{
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal)
    {
        "Relu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "LeakyRelu", "Elu", "Selu", "Softplus", "Gelu",
        "Erf", "Neg", "Abs", "Exp", "Log", "Sqrt", "Reciprocal", "MaxPool", "AveragePool", "GlobalAveragePool",
        "GlobalMaxPool", "Dropout", "Identity", "Resize", "Upsample", "LpPool", "LRN",
    };

    private static readonly HashSet<string> ElementWise = new(StringComparer.Ordinal) { "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum" };

    private readonly UnionFind _sets = new();
    private readonly List<long> _size = [];
    private readonly List<bool> _frozen = [];
    private readonly Dictionary<int, List<string>> _producers = [];
    private readonly Dictionary<string, IReadOnlyList<int>> _layout = new(StringComparer.Ordinal);
    private readonly List<ChannelEdit> _edits = [];
    private readonly OnnxModelEditor _model;
    private readonly HashSet<string> _constants;
    private readonly Dictionary<string, string> _producerOp = new(StringComparer.Ordinal);

    private ChannelGroupAnalysis(OnnxModelEditor model)
    {
        _model = model;
        _constants = model.Constants();
        foreach (var input in model.GraphInputs.Where(i => !_constants.Contains(i)))
        {
            _layout[input] = [NewGroup(0, frozen: true)];
        }

        foreach (var node in model.Nodes)
        {
            foreach (var output in node.Output)
            {
                _producerOp[output] = node.OpType;
            }

            Visit(node);
        }

        foreach (var output in model.GraphOutputs)
        {
            Freeze(output);
        }
    }

    public static ChannelGroupAnalysis Of(OnnxModelEditor model) => new(model);

    public IReadOnlyList<ChannelEdit> Edits => _edits;

    public int Find(int group) => _sets.Find(group);

    /// <summary>Channels of a group (0 when unknown: a graph input or the output of an op not understood).</summary>
    public long Size(int group) => _size[_sets.Find(group)];

    /// <summary>The groups that may shrink, by root id, in a fixed order.</summary>
    public IReadOnlyList<ChannelGroup> Shrinkable()
    {
        var frozenRoots = Enumerable.Range(0, _size.Count).Where(g => _frozen[g]).Select(_sets.Find).ToHashSet();
        // Each root's producers in member order, gathered in one pass (a pass per root was quadratic in the groups).
        var producers = new Dictionary<int, List<string>>();
        for (var m = 0; m < _size.Count; m++)
        {
            if (_producers.TryGetValue(m, out var made))
            {
                var root = _sets.Find(m);
                if (!producers.TryGetValue(root, out var list))
                {
                    producers[root] = list = [];
                }

                list.AddRange(made);
            }
        }

        return Enumerable.Range(0, _size.Count)
            .Where(g => _sets.Find(g) == g && !frozenRoots.Contains(g) && _size[g] > 1 && producers.TryGetValue(g, out var made) && made.Count > 0)
            .Select(g => new ChannelGroup(g, _size[g], producers[g]))
            .ToList();
    }

    private void Visit(NodeProto node)
    {
        var name = OnnxModelEditor.NodeName(node);
        switch (node.OpType)
        {
            case "Conv":
                VisitConv(node, name);
                break;
            case "Gemm":
                VisitGemm(node, name);
                break;
            case "BatchNormalization" when Layout(node.Input[0]) is { } layout && node.Input.Skip(1).All(_model.IsInitializerName):
                foreach (var parameter in node.Input.Skip(1))
                {
                    _edits.Add(new ChannelEdit(parameter, 0, null, layout));
                }

                SetOutputs(node, layout);
                break;
            case "Flatten" when Layout(node.Input[0]) is { } layout
                                && OnnxModelEditor.IntAttribute(node, "axis", 1) == 1
                                && _producerOp.GetValueOrDefault(node.Input[0]) is "GlobalAveragePool" or "GlobalMaxPool":
                SetOutputs(node, layout);
                break;
            // Every segment's width must be known, so a shrink can find where its channels start along the joined axis.
            case "Concat" when OnnxModelEditor.IntAttribute(node, "axis", 0) == 1
                               && node.Input.All(i => Layout(i) is { } l && l.All(g => Size(g) > 0)):
                SetOutputs(node, node.Input.SelectMany(i => Layout(i)!).ToList());
                break;
            case var op when PassThrough.Contains(op) && Layout(node.Input[0]) is { } layout && node.Input.Skip(1).All(IsConstantOrEmpty):
                SetOutputs(node, layout);
                break;
            case var op when ElementWise.Contains(op):
                VisitElementWise(node);
                break;
            default:
                FreezeAll(node);
                break;
        }
    }

    private void VisitConv(NodeProto node, string name)
    {
        var input = Layout(node.Input[0]);
        var weight = node.Input.Count > 1 ? _model.Initializer(node.Input[1]) : null;
        var bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? node.Input[2] : null;
        if (input is null || weight is null || weight.Dims.Count < 3 || (bias is not null && !_model.IsInitializerName(bias)))
        {
            FreezeAll(node);
            return;
        }

        var groups = OnnxModelEditor.IntAttribute(node, "group", 1);
        var inputChannels = weight.Dims[1] * groups;
        if (groups == 1)
        {
            _edits.Add(new ChannelEdit(weight.Name, 1, null, input));
            var group = NewGroup(weight.Dims[0], frozen: false, producer: name);
            _edits.Add(new ChannelEdit(weight.Name, 0, null, [group]));
            if (bias is not null)
            {
                _edits.Add(new ChannelEdit(bias, 0, null, [group]));
            }

            SetOutputs(node, [group]);
        }
        else if (weight.Dims[1] == 1 && weight.Dims[0] == inputChannels)
        {
            // Depthwise with multiplier 1: one filter per input channel, so output channels are the input's.
            _edits.Add(new ChannelEdit(weight.Name, 0, null, input));
            _edits.Add(new ChannelEdit(null, 0, name, input));
            if (bias is not null)
            {
                _edits.Add(new ChannelEdit(bias, 0, null, input));
            }

            SetOutputs(node, input);
        }
        else
        {
            FreezeAll(node);
        }
    }

    private void VisitGemm(NodeProto node, string name)
    {
        var input = Layout(node.Input[0]);
        var weight = _model.Initializer(node.Input[1]);
        var bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? node.Input[2] : null;
        if (input is null || weight is null || weight.Dims.Count != 2 || OnnxModelEditor.IntAttribute(node, "transA", 0) != 0
            || (bias is not null && _model.Initializer(bias) is not { Dims.Count: 1 }))
        {
            FreezeAll(node);
            return;
        }

        var transB = OnnxModelEditor.IntAttribute(node, "transB", 0) == 1;
        _edits.Add(new ChannelEdit(weight.Name, transB ? 1 : 0, null, input));
        var group = NewGroup(weight.Dims[transB ? 0 : 1], frozen: false, producer: name);
        _edits.Add(new ChannelEdit(weight.Name, transB ? 0 : 1, null, [group]));
        if (bias is not null)
        {
            _edits.Add(new ChannelEdit(bias, 0, null, [group]));
        }

        SetOutputs(node, [group]);
    }

    private void VisitElementWise(NodeProto node)
    {
        var variable = node.Input.Where(i => !IsConstantOrEmpty(i)).ToList();
        var layouts = variable.Select(Layout).ToList();
        var constantsAreScalars = node.Input.Where(i => i.Length > 0 && _constants.Contains(i))
            .All(i => _model.Initializer(i) is not { } t || t.Dims.Aggregate(1L, (a, d) => a * d) == 1);
        if (layouts.Count == 0 || layouts.Any(l => l is null) || !constantsAreScalars
            || layouts.Any(l => l!.Count != layouts[0]!.Count))
        {
            FreezeAll(node);
            return;
        }

        for (var segment = 0; segment < layouts[0]!.Count; segment++)
        {
            var first = layouts[0]![segment];
            foreach (var other in layouts.Skip(1).Select(l => l![segment]))
            {
                if (_size[_sets.Find(first)] != _size[_sets.Find(other)])
                {
                    // Broadcasting over channels (an [N,1,H,W] map): the two cannot shrink together.
                    _frozen[first] = _frozen[other] = true;
                }

                _sets.Union(first, other);
            }
        }

        SetOutputs(node, layouts[0]!);
    }

    private int NewGroup(long channels, bool frozen, string? producer = null)
    {
        var id = _sets.Add();
        _size.Add(channels);
        _frozen.Add(frozen);
        if (producer is not null)
        {
            _producers[id] = [producer];
        }

        return id;
    }

    private IReadOnlyList<int>? Layout(string tensor) => _layout.GetValueOrDefault(tensor);

    private bool IsConstantOrEmpty(string tensor) => tensor.Length == 0 || _constants.Contains(tensor);

    private void SetOutputs(NodeProto node, IReadOnlyList<int> layout)
    {
        _layout[node.Output[0]] = layout;
        foreach (var extra in node.Output.Skip(1))
        {
            _layout[extra] = [NewGroup(0, frozen: true)];   // e.g. Dropout's mask, MaxPool's indices
        }
    }

    private void Freeze(string tensor)
    {
        foreach (var group in Layout(tensor) ?? [])
        {
            _frozen[group] = true;
        }
    }

    private void FreezeAll(NodeProto node)
    {
        foreach (var input in node.Input)
        {
            Freeze(input);
        }

        foreach (var output in node.Output)
        {
            _layout[output] = [NewGroup(0, frozen: true)];
        }
    }
}
