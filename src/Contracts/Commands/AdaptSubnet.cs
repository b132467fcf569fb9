using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Commands;

/// <summary>Search asks Adapt to remap and fine-tune a chosen subnet (FNA / NAT supernet adaptation).</summary>
public sealed record AdaptSubnet(Guid RunId, Guid RequestId, int Iteration, Candidate Candidate, IReadOnlyList<string> Tasks, int Seed) : IRunMessage;
