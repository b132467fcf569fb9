using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.Adaptation.Networks;

/// <summary>The image input a network declares, as <see cref="OnnxNetworks.Backbone.InputAdaptation"/> reads it: its dims, -1 where free,
/// with the shapes the user gave at submission (<c>--input</c>) taking precedence.</summary>
public static class DeclaredInput
{
    public static IReadOnlyList<long> Of(byte[] onnx, IReadOnlyList<string> submittedShapes)
    {
        var graph = ModelProto.Parser.ParseFrom(onnx).Graph;
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var input = graph.Input.FirstOrDefault(i => !initializers.Contains(i.Name))
            ?? throw new OnnxNetworks.OnnxNetworkException("The ONNX model declares no input.");
        var given = submittedShapes.Select(InputShape.Parse).ToList();
        if ((given.FirstOrDefault(s => s.Name == input.Name) ?? given.FirstOrDefault(s => s.Name is null)) is { } shape)
        {
            return shape.Dims;
        }

        return input.Type?.TensorType?.Shape?.Dim
            .Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0 ? d.DimValue : -1L)
            .ToList() ?? [];
    }
}
