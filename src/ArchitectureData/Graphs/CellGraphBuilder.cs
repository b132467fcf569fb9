namespace NasPipeline.ArchitectureData.Graphs;

using NasPipeline.ComputationGraph;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

/// <summary>
/// Builds a computation graph op by op with batch 1, using the extractor's conventions: convs and linears count
/// output elements x (Cin / groups) x kernel area MACs; pools, norms and element-wise ops count 0. Params are the
/// trainable ones the benchmarks count: weights, biases and the affine BN scale and shift (running stats are buffers).
/// </summary>
public sealed class CellGraphBuilder
{
    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphEdge> _edges = [];
    private readonly List<GraphTensor> _inputs = [];

    public IReadOnlyList<GraphNode> Nodes => _nodes;

    public Value Input(long channels, long height, long width, string name = "input")
    {
        long[] shape = [1, channels, height, width];
        _inputs.Add(new GraphTensor(name, shape));
        return new Value(-1, name, shape);
    }

    public Value Conv(Value x, long outChannels, int kernel, int stride = 1, long groups = 1, bool bias = false, int dilation = 1, int? padding = null, string? name = null)
    {
        if (x.Channels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"Conv groups {groups} do not divide {x.Channels} -> {outChannels} channels.");
        }

        var pad = padding ?? dilation * (kernel - 1) / 2;
        long[] shape = [1, outChannels, Spatial(x.Height, kernel, stride, pad, dilation), Spatial(x.Width, kernel, stride, pad, dilation)];
        var weights = outChannels * (x.Channels / groups) * kernel * kernel;
        var macs = Elements(shape) * (x.Channels / groups) * kernel * kernel;
        return Add("Conv", name, [x], shape, [kernel, kernel], [stride, stride], groups, bias, macs, weights + (bias ? outChannels : 0));
    }

    /// <summary>Affine batch norm: 2 x C trainable params, 0 MACs.</summary>
    public Value BatchNorm(Value x, bool affine = true, string? name = null) =>
        Add("BatchNormalization", name, [x], x.Shape, null, null, 1, false, 0, affine ? 2 * x.Channels : 0);

    public Value Relu(Value x, string? name = null) => Add("Relu", name, [x], x.Shape, null, null, 1, false, 0, 0);

    public Value MaxPool(Value x, int kernel, int stride, int padding, string? name = null) => Pool("MaxPool", x, kernel, stride, padding, name);

    public Value AvgPool(Value x, int kernel, int stride, int padding, string? name = null) => Pool("AveragePool", x, kernel, stride, padding, name);

    public Value GlobalAvgPool(Value x, string? name = null) =>
        Add("GlobalAveragePool", name, [x], [1, x.Channels, 1, 1], [x.Height, x.Width], [1, 1], 1, false, 0, 0);

    public Value Flatten(Value x, string? name = null) => Add("Flatten", name, [x], [1, x.Shape.Skip(1).Aggregate(1L, (a, b) => a * b)], null, null, 1, false, 0, 0);

    public Value Linear(Value x, long outFeatures, bool bias = true, string? name = null) =>
        Add("Gemm", name, [x], [1, outFeatures], null, null, 1, bias, outFeatures * x.Channels, outFeatures * x.Channels + (bias ? outFeatures : 0));

    public Value Sum(IReadOnlyList<Value> xs, string? name = null)
    {
        if (xs.Count == 1)
        {
            return xs[0];
        }

        if (xs.Any(v => !v.Shape.SequenceEqual(xs[0].Shape)))
        {
            throw new ArgumentException($"Add of mismatched shapes: {string.Join(" + ", xs.Select(v => $"[{string.Join(',', v.Shape)}]"))}.");
        }

        return Add(xs.Count == 2 ? "Add" : "Sum", name, xs, xs[0].Shape, null, null, 1, false, 0, 0);
    }

    public Value Concat(IReadOnlyList<Value> xs, string? name = null)
    {
        if (xs.Count == 1)
        {
            return xs[0];
        }

        long[] shape = [1, xs.Sum(v => v.Channels), xs[0].Height, xs[0].Width];
        return Add("Concat", name, xs, shape, null, null, 1, false, 0, 0);
    }

    /// <summary>Keeps the first <paramref name="channels"/> channels (NAS-Bench-101's truncation).</summary>
    public Value SliceChannels(Value x, long channels, string? name = null) =>
        channels == x.Channels ? x : Add("Slice", name, [x], [1, channels, x.Height, x.Width], null, null, 1, false, 0, 0);

    /// <summary>Drops the first row and column (the shifted branch of a factorized reduction).</summary>
    public Value Shift(Value x, string? name = null) => Add("Slice", name, [x], [1, x.Channels, x.Height - 1, x.Width - 1], null, null, 1, false, 0, 0);

    /// <summary>Zero-pads one row at the bottom and one column at the right.</summary>
    public Value PadBottomRight(Value x, string? name = null) => Add("Pad", name, [x], [1, x.Channels, x.Height + 1, x.Width + 1], null, null, 1, false, 0, 0);

    /// <summary>An all-zero tensor: a cell node whose every incoming edge is 'none' still feeds the ops after it.</summary>
    public Value Zero(IReadOnlyList<long> shape, string? name = null) => Add("Zero", name, [], shape, null, null, 1, false, 0, 0);

    public Graph Build(string graphName, Value output)
    {
        var model = new ModelMetadata("nasp-architecture-data", "1", 0, 0, graphName);
        return new Graph(model, _inputs.ToList(), [new GraphTensor(output.Name, output.Shape)], _nodes.ToList(), _edges.ToList(),
            _nodes.Sum(n => n.Macs), _nodes.Sum(n => n.Params));
    }

    private Value Pool(string op, Value x, int kernel, int stride, int padding, string? name)
    {
        long[] shape = [1, x.Channels, Spatial(x.Height, kernel, stride, padding, 1), Spatial(x.Width, kernel, stride, padding, 1)];
        return Add(op, name, [x], shape, [kernel, kernel], [stride, stride], 1, false, 0, 0);
    }

    private Value Add(string op, string? name, IReadOnlyList<Value> xs, IReadOnlyList<long> shape, IReadOnlyList<long>? kernel, IReadOnlyList<long>? stride, long groups, bool bias, long macs, long parameters)
    {
        var id = _nodes.Count;
        var output = $"t{id}";
        _nodes.Add(new GraphNode(id, name ?? $"{op}_{id}", op, xs.Select(v => v.Shape).ToList(), [shape.ToArray()], kernel, stride, groups, bias, macs, parameters));
        _edges.AddRange(xs.Where(v => v.Node >= 0).Select(v => new GraphEdge(v.Node, id, v.Name)));
        return new Value(id, output, shape.ToArray());
    }

    private static long Spatial(long size, int kernel, int stride, int padding, int dilation) =>
        ((size + (2 * padding) - (dilation * (kernel - 1)) - 1) / stride) + 1;

    private static long Elements(IReadOnlyList<long> shape) => shape.Aggregate(1L, (a, b) => a * b);
}
