using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.Contracts.Model;
using NasPipeline.Optimization.Nsga3;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

namespace NasPipeline.Search.Mutation;

/// <summary>One network of a <see cref="MutantChain"/>: <paramref name="Edits"/> edits from the submitted one, its graph
/// (serialised as the blob the predictors read) and its ONNX model with weights.</summary>
public sealed record ChainedNetwork(int Edits, Graph Graph, byte[] GraphJson, byte[] Model)
{
    public string GraphHash => ContentHash.Of(GraphJson);

    public string ModelHash => ContentHash.Of(Model);
}

/// <summary>
/// A network and N-1 networks further and further from it along one random chain of edits, each edit drawn from the
/// catalog of the network before it (<c>GenerationRandom(seed, -2)</c>), <paramref name="editsPerStep"/> edits between
/// consecutive networks, so they span the cuts a mutation search reaches rather than clump one edit away. Models carry
/// the submitted weights sliced to each network (missing ones seeded). The chain ends early when a network has no edit
/// left or an edit gives a graph already in it.
/// </summary>
public static class MutantChain
{
    /// <summary>Edits between consecutive networks so that <paramref name="count"/> networks span <paramref name="depth"/>
    /// edits (a search of that many rounds keeps at most one edit a round).</summary>
    public static int EditsPerStep(int depth, int count) => count <= 1 ? 1 : Math.Max(1, (depth + count - 2) / (count - 1));

    public static IReadOnlyList<ChainedNetwork> Of(byte[] onnx, ExtractionOptions options, OnnxGraphExtractor extractor, int count, int seed, int editsPerStep = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(editsPerStep, 1);
        var random = GenerationRandom.Create(seed, -2);
        var model = OnnxModelEditor.Parse(onnx);
        var graph = extractor.Extract(model.ToBytes(), options);
        var chain = new List<ChainedNetwork> { Network(0, graph, KeptNetwork.Of(onnx, seed).Onnx) };
        var edits = 0;
        while (chain.Count < count)
        {
            var catalog = MutationCatalog.Enumerate(model, graph);
            if (catalog.Count == 0)
            {
                break;
            }

            model = MutationCatalog.Apply(model, catalog[random.Next(catalog.Count)]);
            edits++;
            graph = extractor.Extract(model.ToBytes(), options);
            if (edits % editsPerStep != 0)
            {
                continue;
            }

            var next = Network(edits, graph, KeptNetwork.Of(model, seed).Onnx);
            if (chain.Any(n => n.GraphHash == next.GraphHash))
            {
                break;
            }

            chain.Add(next);
        }

        return chain;
    }

    private static ChainedNetwork Network(int edits, Graph graph, byte[] weighted) =>
        new(edits, graph, ComputationGraphJson.SerializeToUtf8Bytes(graph), weighted);
}
