using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>The Search stage asks for one network's pseudo-label on a task (AIO-P): one network per message, so no
/// message outlives the broker's acknowledgement timeout.</summary>
public sealed record PseudoLabelRequested(Guid RunId, Guid RequestId, string Task, Candidate Architecture, int Seed) : IRunMessage;
