using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

public sealed record PseudoLabel(Candidate Architecture, double Value);

/// <summary>Labels produced by the shared task head plus a brief per-network fine-tune (AIO-P).</summary>
public sealed record PseudoLabelReady(Guid RunId, Guid RequestId, string Task, IReadOnlyList<PseudoLabel> Labels, int Seed) : IRunMessage;
