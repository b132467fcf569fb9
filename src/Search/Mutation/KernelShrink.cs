using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.Search.Mutation;

/// <summary>A k x k convolution becomes (k-2) x (k-2) with one less pad on every side, so its output shape and
/// everything downstream stay as they were (FNA's kernel remapping keeps the centre of the larger kernel).</summary>
internal static class KernelShrink
{
    /// <summary>Convolutions that qualify: weights stored, square odd kernel of 3 or more, no dilation,
    /// explicit padding of at least 1 on every side.</summary>
    public static IReadOnlyList<string> Candidates(OnnxModelEditor model) => model.Nodes
        .Where(n => n.OpType == "Conv" && Qualifies(model, n))
        .Select(OnnxModelEditor.NodeName)
        .ToList();

    public static void Apply(OnnxModelEditor model, string nodeName)
    {
        var node = model.Nodes.First(n => OnnxModelEditor.NodeName(n) == nodeName);
        if (!Qualifies(model, node))
        {
            throw new InvalidOperationException($"'{nodeName}' has no kernel that can shrink.");
        }

        var weight = model.Initializer(node.Input[1])!;
        var kernel = weight.Dims[2] - 2;
        model.SliceInitializer(weight.Name, 2, [new KeptRange(1, kernel)]);
        model.SliceInitializer(weight.Name, 3, [new KeptRange(1, kernel)]);
        OnnxModelEditor.SetIntsAttribute(node, "kernel_shape", [kernel, kernel]);
        OnnxModelEditor.SetIntsAttribute(node, "pads", OnnxModelEditor.IntsAttribute(node, "pads")!.Select(p => p - 1).ToList());
    }

    private static bool Qualifies(OnnxModelEditor model, NodeProto node)
    {
        var weight = node.Input.Count > 1 ? model.Initializer(node.Input[1]) : null;
        if (weight is not { Dims.Count: 4 } || weight.Dims[2] != weight.Dims[3] || weight.Dims[2] < 3 || weight.Dims[2] % 2 == 0)
        {
            return false;
        }

        var autoPad = node.Attribute.FirstOrDefault(a => a.Name == "auto_pad")?.S.ToStringUtf8() ?? "NOTSET";
        var dilations = OnnxModelEditor.IntsAttribute(node, "dilations");
        var pads = OnnxModelEditor.IntsAttribute(node, "pads");
        return autoPad is "NOTSET" or ""
               && (dilations is null || dilations.All(d => d == 1))
               && pads is { Count: 4 } && pads.All(p => p >= 1);
    }
}
