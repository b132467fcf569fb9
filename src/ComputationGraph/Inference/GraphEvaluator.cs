using NasPipeline.ComputationGraph.Costs;
using NasPipeline.ComputationGraph.Onnx;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Inference;

/// <summary>
/// Walks a graph in data-flow order, infers every node's output shapes, folds values known before run time,
/// and charges MACs and params. Subgraphs (If/Loop/Scan bodies) are walked with the same machinery.
/// </summary>
internal sealed class GraphEvaluator(ExtractionOptions options, OpsetMap opsets, TensorDecoder decoder, IReadOnlyDictionary<string, long> symbols)
{
    private readonly Dictionary<TensorProto, TensorInfo> _decoded = new(ReferenceEqualityComparer.Instance);
    private readonly ParamLedger _ledger = new();
    private int _nodesSeen;
    private long _foldedValues;

    private const long FoldBudget = 50_000_000;

    public List<EvaluatedNode> Emitted { get; } = [];

    public GraphRun Run(GraphProto graph, Scope scope, int depth, bool emit)
    {
        if (depth > options.MaxSubgraphDepth)
        {
            throw Errors.TooLarge($"Subgraphs nest deeper than {options.MaxSubgraphDepth} levels (ExtractionOptions.MaxSubgraphDepth).");
        }

        BindInitializers(graph, scope);
        var declared = DeclaredShapes.Of(graph, symbols);
        long macs = 0;
        foreach (var node in TopologicalOrder.Of(graph, scope))
        {
            macs = ShapeMath.Add(macs, EvaluateNode(node, scope, depth, emit, declared));
        }

        var outputs = new List<TensorInfo>(graph.Output.Count);
        foreach (var o in graph.Output)
        {
            var slot = scope.Lookup(o.Name) ?? throw Errors.Invalid("graph", $"output '{o.Name}' of graph '{graph.Name}' is produced by no node.");
            outputs.Add(slot.Info);
        }

        return new GraphRun(outputs, macs);
    }

    private void BindInitializers(GraphProto graph, Scope scope)
    {
        foreach (var t in graph.Initializer)
        {
            if (!_decoded.TryGetValue(t, out var info))
            {
                info = decoder.Decode(t, "initializer") with { Weights = [_ledger.Source(t, t.Name, ShapeMath.Product(t.Dims))] };
                _decoded[t] = info;
            }

            scope.Set(t.Name, info, -1);
        }

        foreach (var s in graph.SparseInitializer)
        {
            var name = s.Values?.Name ?? "";
            var dims = s.Dims.ToArray();
            if (dims.Any(d => d < 0))
            {
                throw Errors.Invalid("initializer", $"sparse tensor '{name}' has a negative dim.");
            }

            var stored = s.Values is null ? 0 : ShapeMath.Product(s.Values.Dims);
            scope.Set(name, new TensorInfo(dims, s.Values?.DataType ?? DataTypes.Float) { IsStatic = true, Weights = [_ledger.Source(s, name, stored)] }, -1);
        }
    }

    private long EvaluateNode(NodeProto node, Scope scope, int depth, bool emit, DeclaredShapes declared)
    {
        if (++_nodesSeen > options.MaxNodes)
        {
            throw Errors.TooLarge($"The model has more than {options.MaxNodes} nodes (ExtractionOptions.MaxNodes).");
        }

        var display = node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault(o => o.Length > 0) ?? node.OpType;
        try
        {
            return EvaluateNodeCore(node, scope, depth, emit, declared);
        }
        catch (GraphExtractionException e) when (!e.Message.StartsWith("Node '", StringComparison.Ordinal))
        {
            var detail = e.Message.StartsWith(node.OpType + ": ", StringComparison.Ordinal) ? e.Message[(node.OpType.Length + 2)..] : e.Message;
            throw new GraphExtractionException(e.Kind, $"Node '{display}' ({node.OpType}): {detail}", e.OpType ?? node.OpType, e);
        }
        catch (Exception e) when (e is not GraphExtractionException and not OutOfMemoryException)
        {
            throw new GraphExtractionException(ErrorKind.InvalidModel, $"Node '{display}' ({node.OpType}): {e.Message}", node.OpType, e);
        }
    }

    private long EvaluateNodeCore(NodeProto node, Scope scope, int depth, bool emit, DeclaredShapes declared)
    {
        var inputs = new TensorInfo?[node.Input.Count];
        var producers = new List<(int From, string Tensor)>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var name = node.Input[i];
            if (name.Length == 0)
            {
                continue;
            }

            var slot = scope.Lookup(name) ?? throw Errors.Invalid(node.OpType, $"reads '{name}', which no node, initializer or graph input produces.");
            inputs[i] = slot.Info;
            if (slot.Producer >= 0)
            {
                producers.Add((slot.Producer, name));
            }
        }

        var captured = new HashSet<string>(StringComparer.Ordinal);
        SubgraphResult RunSubgraph(GraphProto g, IReadOnlyList<TensorInfo> graphInputs)
        {
            var sub = new Scope(scope);
            for (var i = 0; i < g.Input.Count; i++)
            {
                var info = i < graphInputs.Count ? graphInputs[i] : throw Errors.Invalid(node.OpType, $"subgraph '{g.Name}' expects {g.Input.Count} inputs, the op provides {graphInputs.Count}.");
                sub.Set(g.Input[i].Name, info, -1);
            }

            var run = Run(g, sub, depth + 1, emit: false);
            captured.UnionWith(sub.Captured);
            return new SubgraphResult(run.Outputs, run.Macs);
        }

        var domain = node.Domain is "ai.onnx" ? "" : node.Domain;
        var ctx = new NodeContext(node, inputs, opsets.Version(domain), decoder, RunSubgraph);
        var chargedBefore = _ledger.Charged;
        var rule = OpRegistry.Default.Find(domain, node.OpType);
        var outputs = rule is not null
            ? rule(ctx)
            : declared.For(node) ?? throw Errors.Unsupported(node.OpType, $"no shape rule for op '{node.OpType}'{(domain.Length > 0 ? $" of domain '{domain}'" : "")}, and the model declares no shape for its outputs.");

        if (outputs.Length < node.Output.Count(o => o.Length > 0))
        {
            outputs = [.. outputs, .. Enumerable.Repeat(new TensorInfo([], DataTypes.Undefined) { IsStatic = true }, node.Output.Count - outputs.Length)];
        }

        foreach (var o in outputs)
        {
            CheckShape(node.OpType, o.Shape);
            _foldedValues += o.Values?.Length ?? 0;
        }

        // Each fold is small, but Loop unrolling can repeat them: cap the total so hostile files stay cheap.
        if (_foldedValues > FoldBudget)
        {
            throw Errors.TooLarge($"The model computes more than {FoldBudget} values before run time (shape folding, unrolled loops).");
        }

        var controlFlow = node.OpType is "If" or "Loop" or "Scan";
        var allStatic = !controlFlow && inputs.All(i => i is null || i.IsStatic);
        var incoming = inputs.Where(i => i is not null).SelectMany(i => i!.Weights).Where(w => !w.Charged).Distinct().ToList();
        if (node.OpType == "Constant" && outputs.Length > 0 && _ledger.ForConstant(node, outputs[0]) is { } constant)
        {
            incoming.Add(constant);
        }

        var folded = true;
        for (var i = 0; i < node.Output.Count && i < outputs.Length; i++)
        {
            var isStatic = allStatic || outputs[i].HasValues;
            outputs[i] = outputs[i] with { IsStatic = isStatic, Weights = isStatic ? incoming : [] };
            folded &= isStatic || node.Output[i].Length == 0;
        }

        long macs = 0;
        if (!folded)
        {
            _ledger.Charge(incoming);
            macs = ShapeMath.Add(MacCounter.Count(ctx, outputs), ctx.SubgraphMacs);
        }

        var id = -1;
        if (emit && (!folded || options.IncludeFoldedNodes))
        {
            id = Emitted.Count;
            foreach (var name in captured.Order(StringComparer.Ordinal))
            {
                if (scope.Lookup(name) is { Producer: >= 0 } s)
                {
                    producers.Add((s.Producer, name));
                }
            }

            Emitted.Add(new EvaluatedNode(id, ctx, outputs, macs, _ledger.Charged - chargedBefore, producers.Distinct().ToList()));
        }

        for (var i = 0; i < node.Output.Count; i++)
        {
            if (node.Output[i].Length > 0)
            {
                scope.Set(node.Output[i], outputs[i], id);
            }
        }

        return macs;
    }

    private void CheckShape(string op, long[] shape)
    {
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw Errors.Invalid(op, $"inferred a negative dim in {ShapeMath.Format(shape)}.");
            }
        }

        var n = ShapeMath.Product(shape);
        if (n > options.MaxElementsPerTensor)
        {
            throw Errors.TooLarge($"{op}: output {ShapeMath.Format(shape)} has {n} elements; the limit is {options.MaxElementsPerTensor} (ExtractionOptions.MaxElementsPerTensor).");
        }
    }
}
