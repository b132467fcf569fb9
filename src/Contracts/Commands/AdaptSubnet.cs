using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Commands;

/// <summary>Search asks Adapt to measure a chosen subnet with the run's supernet adapted for <paramref name="Iteration"/>
/// (NAT's supernet adaptation); <see cref="InitialArchive"/> asks for the initial archive's measurement, with the
/// supernet the run starts from.</summary>
public sealed record AdaptSubnet(Guid RunId, Guid RequestId, int Iteration, Candidate Candidate, IReadOnlyList<string> Tasks, int Seed) : IRunMessage
{
    public const int InitialArchive = -1;
}
