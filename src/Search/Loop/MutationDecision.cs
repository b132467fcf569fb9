using NasPipeline.Contracts;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Search.Loop;

/// <summary>What the mutation search decided, the blobs its decisions name (each mutant's graph JSON by its SHA-256) that
/// must be in the blob store before the decisions are published, and, when it completed, the kept network. With
/// adaptation, <see cref="Models"/> holds the ONNX (by SHA-256) of the networks along the path sent to be measured.</summary>
public sealed record MutationDecision(
    IReadOnlyList<IRunMessage> Messages, IReadOnlyDictionary<string, byte[]> Blobs, KeptNetwork? Kept = null, IReadOnlyDictionary<string, byte[]>? Models = null)
{
    public static readonly MutationDecision None = new([], new Dictionary<string, byte[]>());
}
