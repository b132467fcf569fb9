using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Commands;

/// <summary>Search asks Predict for the metric of each candidate (graph blob hashes or search-space encodings).</summary>
public sealed record ScoreCandidates(Guid RunId, Guid RequestId, int Generation, IReadOnlyList<string> Tasks, IReadOnlyList<Candidate> Candidates) : IRunMessage;
