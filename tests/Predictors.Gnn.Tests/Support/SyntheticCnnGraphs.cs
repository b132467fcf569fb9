namespace NasPipeline.Predictors.Gnn.Tests.Support;

using NasPipeline.ComputationGraph;

/// <summary>
/// Random CNN-shaped computation graphs built in code (no ONNX): a stride-2 stem, 2-4 stages of
/// plain or depthwise-separable blocks with kernels 3/5/7 and residual adds, global pooling and a
/// classifier. MACs and params follow the extractor's conventions, so labels derived from them are
/// exact functions of the graph.
/// </summary>
internal sealed class SyntheticCnnGraphs(int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphEdge> _edges = [];

    public static IReadOnlyList<ComputationGraph> Generate(int count, int seed)
    {
        var generator = new SyntheticCnnGraphs(seed);
        return Enumerable.Range(0, count).Select(i => generator.Next($"cnn{i}")).ToArray();
    }

    /// <summary>Task A: log10 of total MACs.</summary>
    public static double LogMacs(ComputationGraph graph) => Math.Log10(graph.TotalMacs);

    /// <summary>Task B: mean kernel size over the convolutions, nearly independent of MACs.</summary>
    public static double MeanKernel(ComputationGraph graph) =>
        graph.Nodes.Where(n => n.OpType == "Conv").Average(n => (double)n.Kernel![0]);

    private ComputationGraph Next(string name)
    {
        _nodes.Clear();
        _edges.Clear();
        var resolution = _random.Next(4, 15) * 16;
        var channels = _random.Next(2, 5) * 8;
        var shape = new long[] { 1, 3, resolution, resolution };
        var last = Conv(-1, shape, channels, kernel: 3, stride: 2, groups: 1, out shape);
        last = Add("BatchNormalization", last, shape, shape, 0, 2 * channels);
        last = Add("Relu", last, shape, shape, 0, 0);
        foreach (var stage in Enumerable.Range(0, _random.Next(2, 5)))
        {
            var width = shape[1] * _random.Next(1, 3);
            for (var block = _random.Next(1, 4); block > 0; block--)
            {
                var stride = block == 1 && stage > 0 ? 2 : 1;
                var input = last;
                var inputShape = shape;
                var kernel = new[] { 3, 5, 7 }[_random.Next(3)];
                if (_random.Next(2) == 0)
                {
                    last = Conv(last, shape, width, kernel, stride, 1, out shape);
                }
                else
                {
                    last = Conv(last, shape, shape[1], kernel, stride, shape[1], out shape);
                    last = Add("Relu", last, shape, shape, 0, 0);
                    last = Conv(last, shape, width, 1, 1, 1, out shape);
                }

                last = Add("BatchNormalization", last, shape, shape, 0, 2 * shape[1]);
                if (stride == 1 && inputShape.SequenceEqual(shape))
                {
                    last = Add("Add", last, shape, shape, 0, 0);
                    _edges.Add(new GraphEdge(input, last, $"skip{last}"));
                }

                last = Add(_random.Next(2) == 0 ? "Relu" : "Clip", last, shape, shape, 0, 0);
            }
        }

        var pooled = new long[] { 1, shape[1], 1, 1 };
        last = Add("GlobalAveragePool", last, shape, pooled, 0, 0);
        var flat = new long[] { 1, shape[1] };
        last = Add("Flatten", last, pooled, flat, 0, 0);
        Add("Gemm", last, flat, [1, 10], 10 * shape[1], 10 * shape[1] + 10, hasBias: true);
        return new ComputationGraph(
            new ModelMetadata("synthetic", "1", 8, 17, name),
            [new GraphTensor("input", [1, 3, resolution, resolution])],
            [new GraphTensor("logits", [1, 10])],
            _nodes.ToArray(),
            _edges.ToArray(),
            _nodes.Sum(n => n.Macs),
            _nodes.Sum(n => n.Params));
    }

    private int Conv(int from, long[] input, long outChannels, int kernel, int stride, long groups, out long[] output)
    {
        var size = (input[2] + 2 * (kernel / 2) - kernel) / stride + 1;
        output = [1, outChannels, size, size];
        var weights = outChannels * (input[1] / groups) * kernel * kernel;
        return Add("Conv", from, input, output, weights * size * size, weights, kernel: kernel, stride: stride, groups: groups);
    }

    private int Add(string op, int from, long[] input, long[] output, long macs, long parameters, int kernel = 0, int stride = 0, long groups = 1, bool hasBias = false)
    {
        var id = _nodes.Count;
        _nodes.Add(new GraphNode(
            id, $"{op}_{id}", op, [input], [output],
            kernel > 0 ? [kernel, kernel] : null, stride > 0 ? [stride, stride] : null,
            groups, hasBias, macs, parameters));
        if (from >= 0)
        {
            _edges.Add(new GraphEdge(from, id, $"t{from}"));
        }

        return id;
    }
}
