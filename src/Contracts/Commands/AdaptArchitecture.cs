using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Commands;

/// <summary>Search asks Adapt to run FNA's architecture adaptation on a submitted chain network
/// (<paramref name="SeedModelBlobHash"/>, an ONNX model with its weights) for <paramref name="Task"/>, and to store the
/// derived network with the seed's parameters remapped into it.</summary>
public sealed record AdaptArchitecture(Guid RunId, Guid RequestId, string SeedModelBlobHash, string Task, FnaOptions Options, int Seed) : IRunMessage;
