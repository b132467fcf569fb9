using NasPipeline.ComputationGraph;

namespace NasPipeline.Search.Mutation;

/// <summary>Shapes of named tensors as GraphExtract inferred them (edges name the tensor; single-output producers).</summary>
internal static class TensorShapes
{
    public static IReadOnlyDictionary<string, IReadOnlyList<long>> Of(ComputationGraph.ComputationGraph graph)
    {
        var shapes = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        foreach (var tensor in graph.Inputs.Concat(graph.Outputs))
        {
            shapes[tensor.Name] = tensor.Shape;
        }

        var nodes = graph.Nodes.ToDictionary(n => n.Id);
        foreach (var edge in graph.Edges)
        {
            if (nodes.TryGetValue(edge.From, out var producer) && producer.OutputShapes.Count == 1)
            {
                shapes[edge.Tensor] = producer.OutputShapes[0];
            }
        }

        return shapes;
    }
}
