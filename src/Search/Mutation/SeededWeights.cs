using System.Text;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Optimization.Nsga3;

namespace NasPipeline.Search.Mutation;

/// <summary>
/// Gives every initializer that carries no data (a stripped export, weights in an external file that did not come
/// along) values a freshly initialised network would have, so ONNX Runtime loads the file: weights of rank 2 and more
/// are He-normal over their fan-in (He et al. 2015; conv: in/groups x kernel area, Gemm/MatMul: the reduced axis);
/// normalisation scales and variances are 1; biases, means and everything else 0. Each tensor draws from its own
/// generator, seeded from the run's seed and its name, so the values do not depend on the order of the file.
/// </summary>
internal static class SeededWeights
{
    private static readonly HashSet<string> Normalisations = new(StringComparer.Ordinal)
    {
        "BatchNormalization", "LayerNormalization", "InstanceNormalization", "GroupNormalization",
    };

    public static WeightFill Fill(OnnxModelEditor model, long seed)
    {
        var readers = new Dictionary<string, (NodeProto Node, int Index)>(StringComparer.Ordinal);
        foreach (var node in model.Nodes)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                readers.TryAdd(node.Input[i], (node, i));
            }
        }

        var (filled, values) = (0, 0L);
        foreach (var tensor in model.Initializers.Where(t => !TensorSlice.HasData(t)))
        {
            var reader = readers.TryGetValue(tensor.Name, out var r) ? r : default;
            var count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
            TensorValues.Write(tensor, Values(tensor, reader.Node, reader.Index, count, seed));
            filled++;
            values += count;
        }

        return new WeightFill(model.Initializers.Count, filled, values, seed);
    }

    private static double[] Values(TensorProto tensor, NodeProto? reader, int index, long count, long seed)
    {
        var numbers = new double[count];
        var dims = tensor.Dims;
        if (reader is not null && Normalisations.Contains(reader.OpType))
        {
            // BatchNormalization: scale, bias, mean, var; the others: scale, bias.
            Array.Fill(numbers, index == 1 || (reader.OpType == "BatchNormalization" && index == 4) ? 1.0 : 0.0);
            return numbers;
        }

        if (dims.Count < 2 || !TensorValues.IsFloat(tensor))
        {
            return numbers;
        }

        var fanIn = reader?.OpType switch
        {
            "MatMul" => dims[^2],
            "Gemm" when index == 1 => OnnxModelEditor.IntAttribute(reader, "transB", 0) == 1 ? dims[1] : dims[0],
            _ => dims.Skip(1).Aggregate(1L, (a, d) => a * d),
        };
        var std = Math.Sqrt(2.0 / Math.Max(1, fanIn));
        var random = GenerationRandom.Create(seed, NameHash(tensor.Name));
        for (var i = 0; i < count; i++)
        {
            // Box-Muller: one standard normal from two uniforms.
            var u = 1.0 - random.NextDouble();
            numbers[i] = std * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return numbers;
    }

    /// <summary>FNV-1a of the name: stable across processes, unlike string.GetHashCode.</summary>
    private static int NameHash(string name)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
