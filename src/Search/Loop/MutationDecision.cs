using NasPipeline.Contracts;

namespace NasPipeline.Search.Loop;

/// <summary>What the mutation loop decided, and the blobs its decisions name (each mutant's graph JSON by its SHA-256,
/// the kept network's ONNX) that must be in the blob store before the decisions are published.</summary>
public sealed record MutationDecision(IReadOnlyList<IRunMessage> Messages, IReadOnlyDictionary<string, byte[]> Blobs, string? ModelHash = null)
{
    public static readonly MutationDecision None = new([], new Dictionary<string, byte[]>());
}
