namespace NasPipeline.ComputationGraph.Inference;

/// <summary>Shape rules by op type (default ONNX domain). A rule returns one info per node output.</summary>
internal sealed class OpRegistry
{
    private readonly Dictionary<string, Func<NodeContext, TensorInfo[]>> _rules = new(StringComparer.Ordinal);

    public static OpRegistry Default { get; } = Build();

    public void Add(string op, Func<NodeContext, TensorInfo[]> rule) => _rules[op] = rule;

    public void Add(IEnumerable<string> ops, Func<NodeContext, TensorInfo[]> rule)
    {
        foreach (var op in ops)
        {
            _rules[op] = rule;
        }
    }

    /// <summary>A rule of another operator domain, e.g. onnxruntime's com.microsoft contrib ops.</summary>
    public void Add(string domain, string op, Func<NodeContext, TensorInfo[]> rule) => _rules[domain + ":" + op] = rule;

    public Func<NodeContext, TensorInfo[]>? Find(string op) => _rules.GetValueOrDefault(op);

    public Func<NodeContext, TensorInfo[]>? Find(string domain, string op) =>
        _rules.GetValueOrDefault(domain.Length == 0 ? op : domain + ":" + op);

    private static OpRegistry Build()
    {
        var r = new OpRegistry();
        Ops.ElementwiseOps.Register(r);
        Ops.ConvOps.Register(r);
        Ops.PoolOps.Register(r);
        Ops.MatrixOps.Register(r);
        Ops.NormOps.Register(r);
        Ops.ReduceOps.Register(r);
        Ops.ShapeOps.Register(r);
        Ops.SliceOps.Register(r);
        Ops.ResizeOps.Register(r);
        Ops.GeneratorOps.Register(r);
        Ops.DataDependentOps.Register(r);
        Ops.QuantOps.Register(r);
        Ops.RecurrentOps.Register(r);
        Ops.ControlFlowOps.Register(r);
        Ops.MiscOps.Register(r);
        Ops.DeprecatedOps.Register(r);
        Ops.MicrosoftOps.Register(r);
        return r;
    }
}
