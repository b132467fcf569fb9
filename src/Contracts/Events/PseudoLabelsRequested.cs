using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>The Search stage asks for pseudo-labels of <see cref="Architectures"/> (their kinds named) on a task.</summary>
public sealed record PseudoLabelsRequested(Guid RunId, Guid RequestId, string Task, IReadOnlyList<Candidate> Architectures, int Seed) : IRunMessage;
