using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.OnnxNetworks.Operators;
using NasPipeline.Search.Mutation;
using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks;

/// <summary>
/// An ONNX model as a trainable TorchSharp module: float initializers in weight slots are parameters, BatchNorm's
/// running statistics are buffers, and <see cref="Run"/> interprets the nodes in topological order with the operators of
/// <see cref="OperatorTable"/>. <see cref="ToOnnx"/> writes the same graph back with the current weights.
/// </summary>
public sealed class OnnxNetwork : nn.Module<Tensor, Tensor>
{
    private readonly ModelProto _model;
    private readonly IReadOnlyList<NodeProto> _order;
    private readonly Dictionary<string, Tensor> _initializers;
    private readonly Dictionary<string, InitializerRole> _roles;
    private readonly Dictionary<string, UnfoldedBatchNorm> _unfolded;
    private readonly long _opset;

    private OnnxNetwork(ModelProto model, OnnxNetworkOptions options, WeightFill? weights) : base("OnnxNetwork")
    {
        _model = model;
        Weights = weights;
        var graph = model.Graph;
        _opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(1).Max();
        RefuseUnsupported(graph);
        RefuseNonTensorValues(graph);
        _order = TopologicalOrder(graph);
        _roles = InitializerRoles.Decide(graph);
        _initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in graph.Initializer)
        {
            var value = TensorProtoConversion.ToTensor(t, "initializer");
            var key = UniqueName(t.Name, names);
            switch (_roles[t.Name])
            {
                case InitializerRole.Parameter:
                    var parameter = new Parameter(value, requires_grad: true);
                    register_parameter(key, parameter);
                    _initializers[t.Name] = parameter;
                    break;
                case InitializerRole.Statistic:
                    register_buffer(key, value);
                    _initializers[t.Name] = value;
                    break;
                default:
                    _initializers[t.Name] = value;
                    break;
            }
        }

        InputNames = graph.Input.Select(i => i.Name).Where(n => !_initializers.ContainsKey(n)).ToList();
        OutputNames = graph.Output.Select(o => o.Name).ToList();
        _unfolded = options.UnfoldBatchNorm ? Unfold(graph, names) : [];
    }

    /// <summary>Where the weights came from when some were seeded (<see cref="OnnxNetworkOptions.SeedForMissingWeights"/>);
    /// null when the file carried them all.</summary>
    public WeightFill? Weights { get; }

    /// <summary>The graph inputs that are not initializers, in the file's order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Convolutions that got a BatchNorm back (<see cref="OnnxNetworkOptions.UnfoldBatchNorm"/>), by node name.</summary>
    public IReadOnlyCollection<string> UnfoldedConvolutions => _unfolded.Values.Select(u => u.ConvNode).ToList();

    public InitializerRole RoleOf(string initializer) => _roles[initializer];

    /// <summary>Reads a model; refuses, naming them, operators the interpreter does not run, and weights a stripped
    /// export left out unless <see cref="OnnxNetworkOptions.SeedForMissingWeights"/> is set.</summary>
    public static OnnxNetwork Load(byte[] onnx, OnnxNetworkOptions? options = null)
    {
        TorchEnvironment.EnsureAvailable();
        options ??= new OnnxNetworkOptions();
        WeightFill? weights = null;
        if (options.SeedForMissingWeights is { } seed)
        {
            KeptNetwork kept;
            try
            {
                kept = KeptNetwork.Of(onnx, seed);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or InvalidOperationException or NasPipeline.ComputationGraph.GraphExtractionException)
            {
                throw new OnnxNetworkException($"The bytes are not an ONNX model whose weights can be seeded: {e.Message}");
            }

            (onnx, weights) = kept.Weights.Filled > 0 ? (kept.Onnx, kept.Weights) : (onnx, null);
        }

        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxNetworkException($"The bytes are not an ONNX model: {e.Message}");
        }

        return model.Graph is null
            ? throw new OnnxNetworkException("The ONNX model has no graph.")
            : new OnnxNetwork(model, options, weights);
    }

    /// <summary>The first graph output for the one graph input.</summary>
    public override Tensor forward(Tensor input) => InputNames.Count == 1
        ? Run(new Dictionary<string, Tensor> { [InputNames[0]] = input })[OutputNames[0]]
        : throw new InvalidOperationException($"The network has {InputNames.Count} inputs ({string.Join(", ", InputNames)}); call Run.");

    /// <summary>Interprets the graph. <paramref name="wanted"/> names the values to return (graph outputs by default;
    /// any intermediate value's name works, which is how feature taps read a backbone).</summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyCollection<string>? wanted = null)
    {
        wanted ??= OutputNames;
        var values = new Dictionary<string, Tensor>(_initializers, StringComparer.Ordinal);
        foreach (var name in InputNames)
        {
            values[name] = inputs.TryGetValue(name, out var given) ? given : throw new ArgumentException($"Input '{name}' is not given.", nameof(inputs));
        }

        var pending = new HashSet<string>(wanted.Where(w => !values.ContainsKey(w)), StringComparer.Ordinal);
        Execute(_order, values, pending);
        return wanted.ToDictionary(w => w, w => values.TryGetValue(w, out var v) ? v : throw new ArgumentException($"'{w}' is not a value of the graph.", nameof(wanted)), StringComparer.Ordinal);
    }

    /// <summary>Runs <paramref name="nodes"/> in order into <paramref name="values"/>, stopping once nothing in
    /// <paramref name="pending"/> (when given) is left to compute.</summary>
    private void Execute(IEnumerable<NodeProto> nodes, Dictionary<string, Tensor> values, HashSet<string>? pending)
    {
        foreach (var node in nodes)
        {
            if (pending is { Count: 0 })
            {
                break;
            }

            var arguments = node.Input.Select(n => n.Length == 0 ? null : values.GetValueOrDefault(n)).ToList();
            var call = new OperatorCall(node, arguments, _opset, training);
            var outputs = node.OpType == OperatorTable.If ? Branch(call, values) : Operator(node)(call);
            if (node.Output.Skip(outputs.Length).Any(o => o.Length > 0))
            {
                throw call.Refuse($"it declares {node.Output.Count} outputs; the interpreter computes {outputs.Length}.");
            }

            for (var i = 0; i < node.Output.Count && i < outputs.Length; i++)
            {
                var output = outputs[i];
                if (i == 0 && _unfolded.TryGetValue(node.Output[0], out var norm))
                {
                    output = norm.Apply(output, training);
                }

                values[node.Output[i]] = output;
                pending?.Remove(node.Output[i]);
            }
        }
    }

    /// <summary>If: the branch's nodes run in a scope that sees every outer value; its outputs are the node's.</summary>
    private Tensor[] Branch(OperatorCall call, Dictionary<string, Tensor> outer)
    {
        var condition = call.Input(0).to_type(ScalarType.Bool).item<bool>();
        var branch = call.Attribute(condition ? "then_branch" : "else_branch")?.G ?? throw call.Refuse("a branch is missing.");
        var scope = new Dictionary<string, Tensor>(outer, StringComparer.Ordinal);
        foreach (var t in branch.Initializer)
        {
            scope[t.Name] = TensorProtoConversion.ToTensor(t, $"If '{call.Name}'");
        }

        Execute(branch.Node, scope, pending: null);
        return branch.Output.Select(o => scope.TryGetValue(o.Name, out var v) ? v : throw call.Refuse($"its branch does not compute '{o.Name}'.")).ToArray();
    }

    private static Operator Operator(NodeProto node) =>
        OperatorTable.TryGet(node.Domain, node.OpType, out var run) ? run : throw OnnxNetworkException.Unsupported(node.OpType, node.Name);

    /// <summary>Every value the nodes compute for <paramref name="inputs"/>, in the order they are computed, with the
    /// operator that produced it and its shape (no gradients, eval mode for the run).</summary>
    public IReadOnlyList<TracedValue> Trace(IReadOnlyDictionary<string, Tensor> inputs)
    {
        var produced = _order.SelectMany(n => n.Output.Where(o => o.Length > 0).Select(o => (Node: n, Name: o))).ToList();
        var wasTraining = training;
        eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var values = Run(inputs, produced.Select(p => p.Name).ToList());
            return produced.Select(p => new TracedValue(p.Name, p.Node.OpType, p.Node.Input.ToList(), values[p.Name].shape, values[p.Name].is_floating_point())).ToList();
        }
        finally
        {
            train(wasTraining);
        }
    }

    /// <summary>The trainable weights read by every node <paramref name="value"/> is computed from (its producer included),
    /// with the BatchNorms put back after those nodes' convolutions: "the network up to here", for freezing an early part.</summary>
    public IReadOnlyList<Tensor> ParametersUpTo(string value)
    {
        var producers = _order.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node, StringComparer.Ordinal);
        if (!producers.ContainsKey(value))
        {
            throw new OnnxNetworkException($"No node of the network computes '{value}'.");
        }

        var produced = producers.Keys.ToHashSet(StringComparer.Ordinal);
        var visited = new HashSet<NodeProto>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([value]);
        var result = new List<Tensor>();
        while (pending.TryPop(out var name))
        {
            if (!producers.TryGetValue(name, out var node) || !visited.Add(node))
            {
                continue;
            }

            foreach (var input in Dependencies(node, produced))
            {
                if (_initializers.TryGetValue(input, out var initializer))
                {
                    if (_roles[input] == InitializerRole.Parameter && taken.Add(input))
                    {
                        result.Add(initializer);
                    }
                }
                else
                {
                    pending.Push(input);
                }
            }

            if (node.Output.Count > 0 && _unfolded.TryGetValue(node.Output[0], out var unfolded))
            {
                result.Add(unfolded.Scale);
                result.Add(unfolded.Shift);
            }
        }

        return result;
    }

    /// <summary>The model with its current weights (and unfolded BatchNorms folded back into their convolutions).</summary>
    public byte[] ToOnnx() => OnnxNetworkExport.Write(_model, _initializers, _roles, _unfolded.Values);

    private static void RefuseUnsupported(GraphProto graph)
    {
        var refused = AllNodes(graph).Where(n => !OperatorTable.IsSupported(n))
            .GroupBy(n => n.Domain.Length == 0 ? n.OpType : $"{n.Domain}.{n.OpType}")
            .Select(g => (Op: g.Key, Count: g.Count(), First: g.First()))
            .ToList();
        if (refused.Count == 0)
        {
            return;
        }

        var list = string.Join(", ", refused.Select(r => $"{r.Op} ({r.Count} node{(r.Count == 1 ? "" : "s")})"));
        var first = refused[0];
        throw new OnnxNetworkException(
            $"The network interpreter does not run these ONNX operators: {list}. Supported: {string.Join(", ", OperatorTable.Names)}.",
            first.Op, first.First.Name.Length > 0 ? first.First.Name : first.First.Output.FirstOrDefault());
    }

    /// <summary>The graph's nodes and those of every If branch inside it.</summary>
    private static IEnumerable<NodeProto> AllNodes(GraphProto graph) => graph.Node.SelectMany(n =>
        new[] { n }.Concat(n.OpType == OperatorTable.If ? n.Attribute.Where(a => a.G is not null).SelectMany(a => AllNodes(a.G)) : []));

    private static void RefuseNonTensorValues(GraphProto graph)
    {
        foreach (var value in graph.Input.Concat(graph.Output))
        {
            if (value.Type is { } type && type.ValueCase != TypeProto.ValueOneofCase.TensorType)
            {
                throw new OnnxNetworkException($"Graph value '{value.Name}' is a {type.ValueCase}; the network interpreter runs graphs of tensors only.");
            }
        }
    }

    private static List<NodeProto> TopologicalOrder(GraphProto graph)
    {
        var known = new HashSet<string>(graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(t => t.Name)), StringComparer.Ordinal) { "" };
        var produced = graph.Node.SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
        var remaining = graph.Node.Select(n => (Node: n, Needs: Dependencies(n, produced))).ToList();
        var order = new List<NodeProto>(remaining.Count);
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(n => n.Needs.All(known.Contains)).ToList();
            if (ready.Count == 0)
            {
                var stuck = remaining[0];
                throw new OnnxNetworkException($"Node '{stuck.Node.Name}' ({stuck.Node.OpType}) reads '{stuck.Needs.First(i => !known.Contains(i))}', which no node or input produces (or the graph has a cycle).");
            }

            foreach (var (node, _) in ready)
            {
                order.Add(node);
                known.UnionWith(node.Output);
            }

            var placed = ready.Select(r => r.Node).ToHashSet();
            remaining.RemoveAll(n => placed.Contains(n.Node));
        }

        return order;
    }

    /// <summary>A node's inputs, and for an If the outer values its branches read.</summary>
    private static List<string> Dependencies(NodeProto node, HashSet<string> producedOutside) =>
        node.Input.Concat(node.OpType == OperatorTable.If
                ? node.Attribute.Where(a => a.G is not null).SelectMany(a => AllNodes(a.G)).SelectMany(n => n.Input).Where(producedOutside.Contains)
                : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private Dictionary<string, UnfoldedBatchNorm> Unfold(GraphProto graph, HashSet<string> names)
    {
        var normalised = graph.Node.Where(n => n.OpType == "BatchNormalization").Select(n => n.Input[0]).ToHashSet(StringComparer.Ordinal);
        var unfolded = new Dictionary<string, UnfoldedBatchNorm>(StringComparer.Ordinal);
        foreach (var conv in graph.Node.Where(n => n.OpType == "Conv" && !normalised.Contains(n.Output[0])))
        {
            // Only a conv whose weight is its own float initializer can take the BN back on export.
            if (!_initializers.TryGetValue(conv.Input[1], out var weight) || _roles[conv.Input[1]] != InitializerRole.Parameter
                || graph.Node.Count(n => n.Input.Contains(conv.Input[1])) != 1)
            {
                continue;
            }

            var channels = weight.shape[0];
            var scale = new Parameter(ones(channels), requires_grad: true);
            var shift = new Parameter(zeros(channels), requires_grad: true);
            var (mean, variance) = (zeros(channels), ones(channels));
            register_parameter(UniqueName($"{conv.Input[1]}.bn_weight", names), scale);
            register_parameter(UniqueName($"{conv.Input[1]}.bn_bias", names), shift);
            register_buffer(UniqueName($"{conv.Input[1]}.bn_running_mean", names), mean);
            register_buffer(UniqueName($"{conv.Input[1]}.bn_running_var", names), variance);
            var name = conv.Name.Length > 0 ? conv.Name : conv.Output[0];
            unfolded[conv.Output[0]] = new UnfoldedBatchNorm(name, conv.Input[1], scale, shift, mean, variance);
        }

        return unfolded;
    }

    /// <summary>A module-safe name (torch refuses dots) that no other tensor of this network has.</summary>
    private static string UniqueName(string name, HashSet<string> taken)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
        safe = safe.Length == 0 || char.IsDigit(safe[0]) ? $"t_{safe}" : safe;
        var unique = safe;
        for (var i = 1; !taken.Add(unique); i++)
        {
            unique = $"{safe}_{i}";
        }

        return unique;
    }
}
