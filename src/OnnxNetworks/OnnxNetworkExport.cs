using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx.Proto;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks;

/// <summary>Writes a network's weights into a copy of its model: every parameter and statistic as raw float32 (so the file
/// no longer points at external data), and each unfolded BatchNorm folded into its conv as an exporter would:
/// W' = W·γ/√(σ²+ε) per output channel, b' = (b − μ)·γ/√(σ²+ε) + β.</summary>
internal static class OnnxNetworkExport
{
    public static byte[] Write(ModelProto model, IReadOnlyDictionary<string, Tensor> initializers,
        IReadOnlyDictionary<string, InitializerRole> roles, IEnumerable<UnfoldedBatchNorm> unfolded)
    {
        var copy = model.Clone();
        var graph = copy.Graph;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var tensors = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var (name, role) in roles)
        {
            if (role != InitializerRole.Constant)
            {
                TensorProtoConversion.WriteFloats(tensors[name], initializers[name]);
            }
        }

        foreach (var norm in unfolded)
        {
            var conv = graph.Node.Single(n => n.OpType == "Conv" && n.Input[1] == norm.Weight);
            var factor = norm.Scale.div(norm.Variance.add(Epsilon(), TorchRuntime.HeldScalars.One).sqrt());
            var weight = initializers[norm.Weight];
            var shape = new long[weight.dim()];
            Array.Fill(shape, 1L);
            shape[0] = -1;
            TensorProtoConversion.WriteFloats(tensors[norm.Weight], weight.mul(factor.reshape(shape)));

            var bias = conv.Input.Count > 2 && conv.Input[2].Length > 0 ? initializers[conv.Input[2]] : zeros_like(norm.Mean);
            var folded = bias.sub(norm.Mean).mul(factor).add(norm.Shift, TorchRuntime.HeldScalars.One);
            if (conv.Input.Count > 2 && conv.Input[2].Length > 0)
            {
                TensorProtoConversion.WriteFloats(tensors[conv.Input[2]], folded);
                continue;
            }

            var name = Unused($"{norm.Weight}_folded_bias", tensors.Keys);
            var created = new TensorProto { Name = name };
            TensorProtoConversion.WriteFloats(created, folded);
            graph.Initializer.Add(created);
            tensors[name] = created;
            while (conv.Input.Count < 2)
            {
                conv.Input.Add("");
            }

            if (conv.Input.Count == 2)
            {
                conv.Input.Add(name);
            }
            else
            {
                conv.Input[2] = name;
            }
        }

        return copy.ToByteArray();
    }

    private static Tensor Epsilon() => tensor(UnfoldedBatchNorm.Epsilon, ScalarType.Float32);

    private static string Unused(string name, IEnumerable<string> taken)
    {
        var set = taken.ToHashSet(StringComparer.Ordinal);
        var unique = name;
        for (var i = 1; set.Contains(unique); i++)
        {
            unique = $"{name}_{i}";
        }

        return unique;
    }
}
