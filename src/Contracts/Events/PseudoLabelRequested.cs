using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>The Search stage asks for one network's pseudo-label on a task (AIO-P): one network per message, so no
/// message outlives the broker's acknowledgement timeout. <see cref="ModelBlobHash"/>: for a graph candidate (a mutant of
/// a submitted network), the ONNX model with its weights to label; the label is reported for the graph, which is what the
/// predictors read. Added later and optional, so older stored requests still read back (as null).</summary>
public sealed record PseudoLabelRequested(Guid RunId, Guid RequestId, string Task, Candidate Architecture, int Seed, string? ModelBlobHash = null)
    : IRunMessage;
