using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

public sealed record PseudoLabel(Candidate Architecture, double Value);

/// <summary>Labels produced by the shared task head plus a brief per-network fine-tune (AIO-P): the task metric on the
/// validation split, what producing them cost (<paramref name="Seconds"/>, the fine-tune and evaluation), and the
/// supernet and head blobs they started from (empty in labels published by hand).</summary>
public sealed record PseudoLabelReady(
    Guid RunId, Guid RequestId, string Task, IReadOnlyList<PseudoLabel> Labels, int Seed, double Seconds = 0, string SupernetBlobHash = "",
    string HeadBlobHash = "") : IRunMessage;
