
namespace NasPipeline.Contracts.Events;

/// <summary>How an adaptation trains, recorded when it starts so a resumed or replayed one trains the same way.</summary>
/// <param name="TrainImages">Images of the task's training split the steps draw batches from.</param>
/// <param name="ChunkSteps">Steps per resumable chunk (one message's work).</param>
public sealed record AdaptationSettings(int TotalSteps, int ChunkSteps, int BatchSize, double LearningRate, double WeightDecay, int TrainImages, int Threads);

/// <summary>
/// The Adapt stage starts NAT's supernet adaptation for one iteration and task: from the run's current supernet
/// (<paramref name="BaseCheckpointBlobHash"/>, found as <paramref name="BaseSource"/> says), on subnets drawn from the
/// archive's per-gene distribution (<paramref name="Distribution"/>: per gene, the probability of each value, from
/// <paramref name="ArchiveSize"/> archived candidates).
/// </summary>
public sealed record SupernetAdaptationStarted(
    Guid RunId,
    int Iteration,
    string Task,
    string Space,
    string BaseCheckpointBlobHash,
    string BaseSource,
    int ArchiveSize,
    IReadOnlyList<IReadOnlyList<double>> Distribution,
    AdaptationSettings Settings,
    int Seed) : IRunMessage;

/// <summary>A chunk of an adaptation is done: progress, and the resumable state (weights and optimizer) it left in the
/// blob store, from which the next chunk, or a restart after a crash, continues.</summary>
public sealed record SupernetChunkTrained(
    Guid RunId,
    int Iteration,
    string Task,
    int Chunk,
    int Chunks,
    int StepsDone,
    int TotalSteps,
    double MeanLoss,
    double Seconds,
    string StateBlobHash) : IRunMessage;

/// <summary>The run's supernet for a task has a new version, adapted for an iteration; its checkpoint is in the blob
/// store and the iteration's subnets are measured with it.</summary>
public sealed record SupernetAdapted(
    Guid RunId,
    int Iteration,
    string Task,
    string Space,
    string BaseCheckpointBlobHash,
    string CheckpointBlobHash,
    int Steps,
    double Seconds,
    int Seed) : IRunMessage;
