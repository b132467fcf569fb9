using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Fna.Costs;

namespace NasPipeline.Fna.Tests;

/// <summary>
/// A chain classifier as another exporter would write it, made from the project's own file: no architecture metadata,
/// nodes renamed, and optionally each BatchNormalization folded into its conv's weight and bias (PyTorch's eval export)
/// and the classifier as MatMul + Add over a [channels, classes] weight.
/// </summary>
internal static class ForeignExport
{
    public static byte[] Of(byte[] projectFile, bool foldBatchNorm, bool matMulClassifier = false, Action<GraphProto>? edit = null)
    {
        var model = ModelProto.Parser.ParseFrom(projectFile);
        model.MetadataProps.Clear();
        var graph = model.Graph;
        if (foldBatchNorm)
        {
            Fold(graph);
        }

        if (matMulClassifier)
        {
            ToMatMul(graph);
        }

        for (var i = 0; i < graph.Node.Count; i++)
        {
            graph.Node[i].Name = $"/exported/{graph.Node[i].OpType}_{i}";
        }

        edit?.Invoke(graph);
        return model.ToByteArray();
    }

    /// <summary>W' = W γ/√(σ²+ε) per output channel, b' = β - μ γ/√(σ²+ε); the BN node goes and its readers read the conv.</summary>
    private static void Fold(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        foreach (var bn in graph.Node.Where(n => n.OpType == "BatchNormalization").ToList())
        {
            var conv = graph.Node.Single(n => n.Output.Contains(bn.Input[0]));
            var (gamma, beta, mean, variance) = (Floats(initializers[bn.Input[1]]), Floats(initializers[bn.Input[2]]), Floats(initializers[bn.Input[3]]),
                Floats(initializers[bn.Input[4]]));
            var epsilon = bn.Attribute.Single(a => a.Name == "epsilon").F;
            var weight = initializers[conv.Input[1]];
            var values = Floats(weight);
            var perChannel = values.Length / gamma.Length;
            var bias = new float[gamma.Length];
            for (var c = 0; c < gamma.Length; c++)
            {
                var scale = gamma[c] / MathF.Sqrt(variance[c] + epsilon);
                for (var j = 0; j < perChannel; j++)
                {
                    values[(c * perChannel) + j] *= scale;
                }

                bias[c] = beta[c] - (mean[c] * scale);
            }

            Set(weight, values);
            var biasTensor = new TensorProto { Name = $"{conv.Output[0]}_bias", DataType = 1 };
            biasTensor.Dims.Add(gamma.Length);
            Set(biasTensor, bias);
            graph.Initializer.Add(biasTensor);
            conv.Input.Add(biasTensor.Name);
            Rewire(graph, bn.Output[0], conv.Output[0]);
            graph.Node.Remove(bn);
        }

        var used = graph.Node.SelectMany(n => n.Input).ToHashSet();
        foreach (var unused in graph.Initializer.Where(t => !used.Contains(t.Name)).ToList())
        {
            graph.Initializer.Remove(unused);
        }
    }

    /// <summary>Gemm(x, W, b, transB=1) becomes Add(MatMul(x, Wᵀ), b).</summary>
    private static void ToMatMul(GraphProto graph)
    {
        var gemm = graph.Node.Single(n => n.OpType == "Gemm");
        var weight = graph.Initializer.Single(t => t.Name == gemm.Input[1]);
        var (classes, channels) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var values = Floats(weight);
        var transposed = new float[values.Length];
        for (var k = 0; k < classes; k++)
        {
            for (var c = 0; c < channels; c++)
            {
                transposed[(c * classes) + k] = values[(k * channels) + c];
            }
        }

        weight.Dims.Clear();
        weight.Dims.Add([channels, classes]);
        Set(weight, transposed);
        var index = graph.Node.IndexOf(gemm);
        var matMul = new NodeProto { OpType = "MatMul", Name = "matmul" };
        matMul.Input.Add([gemm.Input[0], gemm.Input[1]]);
        matMul.Output.Add("matmul_out");
        var add = new NodeProto { OpType = "Add", Name = "add_bias" };
        add.Input.Add(["matmul_out", gemm.Input[2]]);
        add.Output.Add(gemm.Output[0]);
        graph.Node.RemoveAt(index);
        graph.Node.Insert(index, add);
        graph.Node.Insert(index, matMul);
    }

    public static void Rewire(GraphProto graph, string from, string to)
    {
        foreach (var node in graph.Node)
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

    private static float[] Floats(TensorProto t) => ChainOnnxReader.Floats(t);

    private static void Set(TensorProto t, float[] values)
    {
        t.FloatData.Clear();
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        t.RawData = ByteString.CopyFrom(bytes);
    }
}
