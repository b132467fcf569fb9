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
/// A network and the networks 1 .. N-1 random edits away from it along one chain, each edit drawn from the catalog of
/// the network before it (<c>GenerationRandom(seed, -2)</c>), so they span the cuts a mutation search considers rather
/// than clump one edit away. Models carry the submitted weights sliced to each network (missing ones seeded). The chain
/// ends early when a network has no edit left or an edit gives a graph already in it.
/// </summary>
public static class MutantChain
{
    public static IReadOnlyList<ChainedNetwork> Of(byte[] onnx, ExtractionOptions options, OnnxGraphExtractor extractor, int count, int seed)
    {
        var random = GenerationRandom.Create(seed, -2);
        var model = OnnxModelEditor.Parse(onnx);
        var chain = new List<ChainedNetwork> { Network(0, model, KeptNetwork.Of(onnx, seed).Onnx, options, extractor) };
        while (chain.Count < count)
        {
            var catalog = MutationCatalog.Enumerate(model, chain[^1].Graph);
            if (catalog.Count == 0)
            {
                break;
            }

            model = MutationCatalog.Apply(model, catalog[random.Next(catalog.Count)]);
            var next = Network(chain[^1].Edits + 1, model, KeptNetwork.Of(model, seed).Onnx, options, extractor);
            if (chain.Any(n => n.GraphHash == next.GraphHash))
            {
                break;
            }

            chain.Add(next);
        }

        return chain;
    }

    private static ChainedNetwork Network(int edits, OnnxModelEditor model, byte[] weighted, ExtractionOptions options, OnnxGraphExtractor extractor)
    {
        var graph = extractor.Extract(model.ToBytes(), options);
        return new ChainedNetwork(edits, graph, ComputationGraphJson.SerializeToUtf8Bytes(graph), weighted);
    }
}
