using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.Search.Mutation;

/// <summary>
/// Where each node stands in a graph's node list and which nodes compute from constants alone. ONNX lists nodes in
/// topological order; a list that is not (a node reading a later node's output) gets no positions, so no walk is cut
/// short by them.
/// </summary>
internal sealed class TopologicalOrder
{
    private readonly Dictionary<NodeProto, int>? _positions;
    private readonly HashSet<NodeProto> _fromConstants;

    private TopologicalOrder(Dictionary<NodeProto, int>? positions, HashSet<NodeProto> fromConstants)
    {
        _positions = positions;
        _fromConstants = fromConstants;
    }

    public static TopologicalOrder Of(IReadOnlyList<NodeProto> nodes, IReadOnlyDictionary<string, NodeProto> producers, IReadOnlySet<string> constants)
    {
        var positions = new Dictionary<NodeProto, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++)
        {
            positions[nodes[i]] = i;
        }

        var fromConstants = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            var sorted = true;
            var constant = true;
            foreach (var input in node.Input)
            {
                if (input.Length == 0 || constants.Contains(input))
                {
                    continue;
                }

                if (!producers.TryGetValue(input, out var producer))
                {
                    constant = false;   // a graph input
                    continue;
                }

                sorted &= positions[producer] < positions[node];
                constant &= fromConstants.Contains(producer);
            }

            if (!sorted)
            {
                return new TopologicalOrder(null, []);
            }

            if (constant)
            {
                fromConstants.Add(node);
            }
        }

        return new TopologicalOrder(positions, fromConstants);
    }

    /// <summary>The node's place in the list, or -1 for every node of a list that is not in topological order.</summary>
    public int PositionOf(NodeProto node) => _positions?.GetValueOrDefault(node, -1) ?? -1;

    /// <summary>Whether the node's outputs depend on initialisers and constant nodes alone.</summary>
    public bool FromConstantsOnly(NodeProto node) => _fromConstants.Contains(node);
}
