using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;

namespace NasPipeline.Adaptation.Planning;

/// <summary>The one piece of work the Adapt stage does next for a run; the handler carries it out.</summary>
public abstract record AdaptStep;

/// <summary>Nothing to do: no request is pending, or the run has ended.</summary>
public sealed record AdaptIdle : AdaptStep;

/// <summary>Start an (iteration, task) adaptation. <paramref name="Base"/> is the supernet it starts from; null: the
/// run has none, and the stage's default supernet for the space and task is used (trained on first use).
/// <see cref="MeasureOnly"/>: the initial archive's iteration, measured with that supernet as it is (NAT evaluates its
/// first archive before any adaptation).</summary>
public sealed record StartAdaptationStep(
    int Iteration, string Task, string Space, SupernetBase? Base, int ArchiveSize, IReadOnlyList<IReadOnlyList<double>> Distribution, int Seed) : AdaptStep
{
    public bool MeasureOnly => Iteration == AdaptSubnet.InitialArchive;
}

/// <summary>A supernet to start from and where it was found.</summary>
public sealed record SupernetBase(string CheckpointBlobHash, string Source);

/// <summary>Train chunk <paramref name="Chunk"/>: steps [<paramref name="FromStep"/>, <paramref name="ToStep"/>) from
/// the state the previous chunk left (<paramref name="FromStateBlobHash"/>), or from the base checkpoint with a fresh
/// optimizer when it is the first.</summary>
public sealed record TrainChunkStep(SupernetAdaptationStarted Adaptation, int Chunk, int Chunks, int FromStep, int ToStep, string? FromStateBlobHash) : AdaptStep
{
    public bool IsLast => Chunk == Chunks - 1;
}

/// <summary>Measure a requested subnet on every task of its request with that task's adapted supernet.</summary>
public sealed record MeasureStep(AdaptSubnet Request, IReadOnlyDictionary<string, SupernetAdapted> Supernets) : AdaptStep;

/// <summary>Start fine-tuning an ONNX-model candidate (<see cref="Contracts.Model.CandidateKind.OnnxModel"/>) for one task of
/// its request; <paramref name="InputShapes"/> are the submission's (<c>--input</c>).</summary>
public sealed record StartFineTuneStep(AdaptSubnet Request, string Task, IReadOnlyList<string> InputShapes, int Seed) : AdaptStep;

/// <summary>Fine-tune chunk <paramref name="Chunk"/> of a network: steps [<paramref name="FromStep"/>, <paramref name="ToStep"/>)
/// from the state the previous chunk left, or from the network's own weights when it is the first.</summary>
public sealed record FineTuneChunkStep(NetworkFineTuneStarted FineTune, int Chunk, int Chunks, int FromStep, int ToStep, string? FromStateBlobHash) : AdaptStep
{
    public bool IsLast => Chunk == Chunks - 1;
}

/// <summary>Measure a fine-tuned network on every task of its request, each with the state its last chunk left.</summary>
public sealed record MeasureNetworkStep(AdaptSubnet Request, IReadOnlyList<FineTuned> FineTunes) : AdaptStep;

/// <summary>A finished fine-tune and the state it ended in.</summary>
public sealed record FineTuned(NetworkFineTuneStarted Started, string StateBlobHash);

/// <summary>Start FNA's architecture adaptation of the request's seed network.</summary>
public sealed record StartArchitectureStep(AdaptArchitecture Request, int Seed) : AdaptStep;

/// <summary>Train the architecture adaptation's chunk <paramref name="Chunk"/>: steps [<paramref name="FromStep"/>,
/// <paramref name="ToStep"/>) from the state the previous chunk left, or from the expanded seed when it is the first.</summary>
public sealed record ArchitectureChunkStep(ArchitectureAdaptationStarted Started, int Chunk, int Chunks, int FromStep, int ToStep, string? FromStateBlobHash) : AdaptStep;

/// <summary>Every chunk is done: derive the architecture from the last state and store the derived network with the
/// seed's parameters remapped into it.</summary>
public sealed record DeriveArchitectureStep(ArchitectureAdaptationStarted Started, string StateBlobHash) : AdaptStep;
