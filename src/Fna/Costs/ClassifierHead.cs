using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.Fna.Costs;

/// <summary>A foreign chain's classifier: global average pool (or ReduceMean over H and W), any Flatten, Reshape or
/// Squeeze, then a Gemm, or a MatMul and an Add. Read as the chain head's linear weight [classes, channels] and bias.</summary>
internal static class ClassifierHead
{
    private static readonly HashSet<string> Reshapes = new(StringComparer.Ordinal) { "Flatten", "Reshape", "Squeeze" };

    public static (ChainTensor Weight, ChainTensor Bias) Read(OnnxGraphIndex graph, string features, int channels)
    {
        var pool = graph.Only(features) is { OpType: "GlobalAveragePool" or "ReduceMean" } p ? p
            : throw new FormatException($"After the last block the chain pools globally; '{features}' is read by {graph.Describe(features)}.");
        if (pool.OpType == "ReduceMean")
        {
            var axes = OnnxGraphIndex.Ints(pool, "axes")
                ?? (pool.Input.Count > 1 && pool.Input[1].Length > 0 ? ChainOnnxReader.Longs(graph.Tensor(pool.Input[1], $"the axes of ReduceMean '{pool.Name}'")) : []);
            if (!axes.Select(a => a < 0 ? a + 4 : a).Order().SequenceEqual([2L, 3L]))
            {
                throw new FormatException($"ReduceMean '{pool.Name}' averages over axes [{string.Join(",", axes)}]; the chain pools over height and width (2, 3).");
            }
        }

        var x = pool.Output[0];
        while (graph.Only(x) is { } next && Reshapes.Contains(next.OpType))
        {
            x = next.Output[0];
        }

        var linear = graph.Only(x) ?? throw new FormatException($"After the pool the chain has its classifier; '{x}' is read by {graph.Describe(x)}.");
        return linear.OpType switch
        {
            "Gemm" => Gemm(graph, linear, channels),
            "MatMul" => MatMul(graph, linear, channels),
            _ => throw new FormatException($"After the pool the chain has a Gemm or MatMul; found {linear.OpType} '{linear.Name}'."),
        };
    }

    private static (ChainTensor, ChainTensor) Gemm(OnnxGraphIndex graph, NodeProto gemm, int channels)
    {
        if (OnnxGraphIndex.Float(gemm, "alpha", 1f) != 1f || OnnxGraphIndex.Float(gemm, "beta", 1f) != 1f || OnnxGraphIndex.Int(gemm, "transA", 0) != 0)
        {
            throw new FormatException($"Gemm '{gemm.Name}' scales or transposes its input; the chain's classifier is x W^T + b.");
        }

        var weight = Weight(graph, gemm.Input[1], $"Gemm '{gemm.Name}'", channels, transposed: OnnxGraphIndex.Int(gemm, "transB", 0) == 1);
        var bias = gemm.Input.Count > 2 && gemm.Input[2].Length > 0
            ? ChainOnnxReader.Floats(graph.Tensor(gemm.Input[2], $"the bias of Gemm '{gemm.Name}'"))
            : new float[weight.Dims[0]];
        return (weight, Bias(bias, weight, gemm.Name));
    }

    private static (ChainTensor, ChainTensor) MatMul(OnnxGraphIndex graph, NodeProto matMul, int channels)
    {
        var weight = Weight(graph, matMul.Input[1], $"MatMul '{matMul.Name}'", channels, transposed: false);
        var add = graph.Only(matMul.Output[0]) is { OpType: "Add" } a ? a : null;
        var biasName = add?.Input.First(i => i != matMul.Output[0]);
        var bias = biasName is null ? new float[weight.Dims[0]] : ChainOnnxReader.Floats(graph.Tensor(biasName, $"the bias added after MatMul '{matMul.Name}'"));
        return (weight, Bias(bias, weight, matMul.Name));
    }

    /// <summary>The weight as [classes, channels]: ONNX's [channels, classes] is transposed unless the node transposes it.</summary>
    private static ChainTensor Weight(OnnxGraphIndex graph, string name, string node, int channels, bool transposed)
    {
        var tensor = graph.Tensor(name, $"the weight of {node}");
        var values = ChainOnnxReader.Floats(tensor);
        if (tensor.Dims.Count != 2 || tensor.Dims[transposed ? 1 : 0] != channels)
        {
            throw new FormatException($"The weight of {node} is [{string.Join(",", tensor.Dims)}]; the last block has {channels} channels.");
        }

        if (transposed)
        {
            return new ChainTensor(name, [tensor.Dims[0], channels], values);
        }

        var classes = (int)tensor.Dims[1];
        var rows = new float[values.Length];
        for (var c = 0; c < channels; c++)
        {
            for (var k = 0; k < classes; k++)
            {
                rows[(k * channels) + c] = values[(c * classes) + k];
            }
        }

        return new ChainTensor(name, [classes, channels], rows);
    }

    private static ChainTensor Bias(float[] values, ChainTensor weight, string node) => values.Length == weight.Dims[0]
        ? new ChainTensor($"{node}.bias", [weight.Dims[0]], values)
        : throw new FormatException($"The bias of '{node}' has {values.Length} values for {weight.Dims[0]} classes.");
}
