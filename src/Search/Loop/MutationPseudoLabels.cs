using NasPipeline.ComputationGraph;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Search.Loop;

/// <summary>
/// AIO-P's labels before a mutation search (<c>--pseudo-labels N</c> on an ONNX run): the networks of the submitted
/// one's <see cref="MutantChain"/>, spread over as many edits as the search has rounds, each asked for per task as its computation graph (what the predictors read and the
/// search scores) together with its ONNX model with weights, which the PseudoLabel stage fine-tunes. The Predict stage
/// adapts each task's GNN to the labels before the original is scored.
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
        var chain = MutantChain.Of(onnx, options, extractor, count, started.Seed, MutantChain.EditsPerStep(started.Generations, count));
        var networks = chain.Select((n, i) =>
        {
            models[n.ModelHash] = n.Model;
            if (i == 0)
            {
                // The submitted network is named as GraphExtract stored it, which the search scores it under.
                return (Graph: state.Graph!.GraphBlobHash, Model: n.ModelHash);
            }

            blobs[n.GraphHash] = n.GraphJson;
            return (Graph: n.GraphHash, Model: n.ModelHash);
        }).ToList();
        return networks
            .SelectMany(n => submission.Tasks.Distinct(StringComparer.Ordinal).Select(task => (IRunMessage)new PseudoLabelRequested(
                submission.RunId, RequestIds.For(submission.RunId, $"pseudo-label/{task}/{n.Graph}"), task, Candidate.Graph(n.Graph), started.Seed, n.Model)))
            .ToList();
    }
}
