using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Contracts.Seeds;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.PseudoLabels.Planning;

/// <summary>
/// The PseudoLabel stage's next step for a run, pure: the oldest pending request's task gets its shared head first
/// (once per run and task), then the request's network is pseudo-labelled. One step per message, so a long batch of
/// labels is a chain of short messages and a restart picks up at the first label not in the stream. A space point's
/// head is trained over its space's supernet; an ONNX model's (a submitted network or a mutant) over
/// <paramref name="networkHeadSpace"/>'s, which it reads through a learned projection.
/// </summary>
public sealed class PseudoLabelDecider(SearchSpaceRegistry spaces, string networkHeadSpace = PseudoLabelDecider.DefaultNetworkHeadSpace)
{
    /// <summary>The space whose supernet the shared heads of ONNX models' labels are trained over.</summary>
    public const string DefaultNetworkHeadSpace = "mbv3-28";

    public PseudoLabelStep Next(PseudoLabelRunState state)
    {
        if (state.Finished || state.Pending.FirstOrDefault() is not { } request)
        {
            return new PseudoLabelIdle();
        }

        if (request.Architecture.Kind == CandidateKind.OnnxModel)
        {
            return NextForModel(state, request, request.Architecture.Name);
        }

        if (request.Architecture.Kind == CandidateKind.GraphBlob && request.ModelBlobHash is { } model)
        {
            return NextForModel(state, request, model);
        }

        if (request.Architecture.Kind != CandidateKind.SpacePoint
            || !CandidateCodec.TryDecode(request.Architecture.Name, out var spaceName, out var genes)
            || !spaces.TryGet(spaceName, out var space) || genes.Length != space.Genes.Count)
        {
            return new PseudoLabelRefused(
                $"Pseudo-labels are served for points of a registered search space ({string.Join(", ", spaces.Names)}); {request.Architecture.Name} is not one.");
        }

        if (!state.Heads.TryGetValue(request.Task, out var head))
        {
            return new TrainSharedHeadStep(request.Task, space.Name, HeadSeed(request.Seed, request.Task));
        }

        return new LabelStep(request, genes, head, LabelSeed(request.Seed, request.Architecture.Name, request.Task));
    }

    private PseudoLabelStep NextForModel(PseudoLabelRunState state, PseudoLabelRequested request, string model)
    {
        if (!ContentHash.IsHash(model) || !spaces.TryGet(networkHeadSpace, out _))
        {
            return new PseudoLabelRefused(
                $"An ONNX model is labelled by its blob hash over the {networkHeadSpace} supernet; {model} is not a hash or that space is not registered.");
        }

        if (!state.Heads.TryGetValue(request.Task, out var head))
        {
            return new TrainSharedHeadStep(request.Task, networkHeadSpace, HeadSeed(request.Seed, request.Task));
        }

        return new LabelModelStep(request, model, state.Submission?.InputShapes ?? [], head,
            LabelSeed(request.Seed, request.Architecture.Name, request.Task));
    }

    /// <summary>The shared head's seed: the run's, split by task.</summary>
    public static int HeadSeed(int runSeed, string task) => SplitMix64.Derive(runSeed, 2_000_000L + StableHash(task));

    /// <summary>A label's fine-tune seed: the run's, split by network and task, so a network's label does not depend on
    /// which others were asked for.</summary>
    public static int LabelSeed(int runSeed, string candidate, string task) => SplitMix64.Derive(runSeed, 3_000_000L + StableHash($"{task}/{candidate}"));

    // string.GetHashCode differs between processes; a replay must derive the same seeds.
    private static long StableHash(string text) => BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)), 0) & 0xFFFFFFFFFFFFL;
}
