using System.Text.Json.Serialization;

namespace NasPipeline.Contracts.Model;

/// <summary>What a candidate network is, so no reader has to tell it apart by its text.</summary>
public enum CandidateKind
{
    /// <summary>A point of a built-in search space, named <c>space:g1,g2,...</c>.</summary>
    SpacePoint,

    /// <summary>A computation graph in the blob store (a mutant of a submitted ONNX network), named by its hash.</summary>
    GraphBlob,

    /// <summary>An ONNX model with its weights in the blob store (a submitted network, or the mutation search's kept
    /// one), named by its hash: what the Adapt stage fine-tunes and measures.</summary>
    OnnxModel,
}

/// <summary>
/// A network the search asks about: its kind and its name (the point text or the graph's blob hash). Stored and sent as
/// <c>{"kind":"space-point","name":"mbv3-28:0,1,..."}</c>; streams recorded before candidates had kinds hold the bare
/// name, which <see cref="FromUntypedName"/> reads back (see <see cref="CandidateJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(CandidateJsonConverter))]
public sealed record Candidate(CandidateKind Kind, string Name)
{
    public static Candidate Point(string name) => new(CandidateKind.SpacePoint, name);

    public static Candidate Graph(string blobHash) => new(CandidateKind.GraphBlob, blobHash);

    public static Candidate Model(string blobHash) => new(CandidateKind.OnnxModel, blobHash);

    /// <summary>
    /// The kind an untyped name had: a blob hash is 64 lower-case hex digits and has no colon; a point names its space
    /// before a colon. Only old streams (and hand-written messages) need this; new ones carry the kind.
    /// </summary>
    public static Candidate FromUntypedName(string name) => ContentHash.IsHash(name) ? Graph(name) : Point(name);

    public override string ToString() => Name;
}
