using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Optimization.Nsga3;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Search.Loop;

/// <summary>
/// AIO-P's labels before a mutation search (<c>--pseudo-labels N</c> on an ONNX run): the submitted network and the
/// networks 1 .. N-1 random edits away from it along one seeded chain (each edit drawn from the catalog of the network
/// before it, <c>GenerationRandom(seed, -2)</c>), so the labels span the cuts the search will consider rather than
/// clump at one edit. Each is asked for per task as its computation graph (what the predictors read and the search
/// scores) together with its ONNX model with weights (sliced from the submitted model, missing ones seeded), which the
/// PseudoLabel stage fine-tunes. The Predict stage adapts each task's GNN to the labels before the original is scored.
/// </summary>
public static class MutationPseudoLabels
{
    /// <summary>The requests, or nothing while labels are outstanding; null once all are in (or none were asked for).</summary>
    public static IReadOnlyList<IRunMessage>? Next(RunState state, byte[] onnx, ExtractionOptions options, OnnxGraphExtractor extractor,
        Dictionary<string, byte[]> blobs, Dictionary<string, byte[]> models)
    {
        var started = state.Started!;
        if (started.PseudoLabels is not { } count || count <= 0)
        {
            return null;
        }

        if (state.PseudoLabelsWereAsked)
        {
            return state.AllPseudoLabelsIn ? null : [];
        }

        var submission = state.Submission!;
        return Networks(state, onnx, options, extractor, count, blobs, models)
            .SelectMany(n => submission.Tasks.Distinct(StringComparer.Ordinal).Select(task => (IRunMessage)new PseudoLabelRequested(
                submission.RunId, RequestIds.For(submission.RunId, $"pseudo-label/{task}/{n.Graph}"), task, Candidate.Graph(n.Graph), started.Seed, n.Model)))
            .ToList();
    }

    private static List<(string Graph, string Model)> Networks(RunState state, byte[] onnx, ExtractionOptions options, OnnxGraphExtractor extractor, int count,
        Dictionary<string, byte[]> blobs, Dictionary<string, byte[]> models)
    {
        var seed = state.Started!.Seed;
        var random = GenerationRandom.Create(seed, -2);
        var model = OnnxModelEditor.Parse(onnx);
        var networks = new List<(string Graph, string Model)> { (state.Graph!.GraphBlobHash, Store(KeptNetwork.Of(onnx, seed).Onnx, models)) };
        while (networks.Count < count)
        {
            var catalog = MutationCatalog.Enumerate(model, extractor.Extract(model.ToBytes(), options));
            if (catalog.Count == 0)
            {
                break;
            }

            model = MutationCatalog.Apply(model, catalog[random.Next(catalog.Count)]);
            var json = ComputationGraphJson.SerializeToUtf8Bytes(extractor.Extract(model.ToBytes(), options));
            var graph = ContentHash.Of(json);
            blobs[graph] = json;
            if (networks.All(n => n.Graph != graph))
            {
                networks.Add((graph, Store(KeptNetwork.Of(model, seed).Onnx, models)));
            }
        }

        return networks;
    }

    private static string Store(byte[] onnx, Dictionary<string, byte[]> models)
    {
        var hash = ContentHash.Of(onnx);
        models[hash] = onnx;
        return hash;
    }
}
