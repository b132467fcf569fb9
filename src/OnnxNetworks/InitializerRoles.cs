using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.OnnxNetworks;

/// <summary>Decides each float initializer's <see cref="InitializerRole"/> from the inputs it feeds: the weight slots of
/// convolutions, products and normalisations, and tensors (not scalars) added, multiplied or concatenated into the
/// data path (layer scales, position embeddings, class tokens).</summary>
internal static class InitializerRoles
{
    private static readonly Dictionary<string, int[]> WeightSlots = new(StringComparer.Ordinal)
    {
        ["Conv"] = [1, 2],
        ["ConvTranspose"] = [1, 2],
        ["Gemm"] = [0, 1, 2],
        ["MatMul"] = [0, 1],
        ["BatchNormalization"] = [1, 2],
        ["LayerNormalization"] = [1, 2],
        ["Add"] = [0, 1],
        ["Sub"] = [0, 1],
        ["Mul"] = [0, 1],
        ["Div"] = [0, 1],
        ["Concat"] = [],
    };

    public static Dictionary<string, InitializerRole> Decide(GraphProto graph)
    {
        var roles = graph.Initializer.ToDictionary(t => t.Name, _ => InitializerRole.Constant, StringComparer.Ordinal);
        var floats = graph.Initializer.Where(t => t.DataType is TensorProtoConversion.Float or TensorProtoConversion.Double or TensorProtoConversion.Float16)
            .ToDictionary(t => t.Name, t => t.Dims.Aggregate(1L, (a, d) => a * d), StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            for (var slot = 0; slot < node.Input.Count; slot++)
            {
                var name = node.Input[slot];
                if (!floats.TryGetValue(name, out var count))
                {
                    continue;
                }

                if (node.OpType == "BatchNormalization" && slot is 3 or 4)
                {
                    roles[name] = roles[name] == InitializerRole.Parameter ? InitializerRole.Parameter : InitializerRole.Statistic;
                    continue;
                }

                var elementwise = node.OpType is "Add" or "Sub" or "Mul" or "Div" or "Concat";
                var weightSlot = WeightSlots.TryGetValue(node.OpType, out var slots) && (node.OpType == "Concat" || slots.Contains(slot));
                if (weightSlot && (!elementwise || count > 1))
                {
                    roles[name] = InitializerRole.Parameter;
                }
            }
        }

        return roles;
    }
}
