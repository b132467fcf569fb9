using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>Measured metrics of an adapted subnet; they go back into the archive and the predictors.</summary>
public sealed record SubnetAdapted(Guid RunId, Guid RequestId, Candidate Candidate, IReadOnlyDictionary<string, double> Metrics, string WeightsBlobHash, int Seed) : IRunMessage;
