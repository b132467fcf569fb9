namespace NasPipeline.Contracts.Events;

/// <summary>
/// The Adapt stage starts fine-tuning a submitted or kept network (<paramref name="ModelBlobHash"/>, an ONNX model with
/// its weights) for one task of a request: the network's own weights are the initialisation (FNA's parameter
/// remapping: the mutation search sliced them from the submitted model), the task's images are fed as
/// <paramref name="InputPolicy"/> says, and <paramref name="Head"/> says what turns the network's values into the task's
/// prediction (its own output, or a fresh task head on the feature maps it taps). <paramref name="DeclaredInput"/> is the
/// network's input shape as resolved at the start (-1 where free), so every chunk builds the network the same way.
/// </summary>
public sealed record NetworkFineTuneStarted(
    Guid RunId,
    Guid RequestId,
    string Task,
    string ModelBlobHash,
    IReadOnlyList<long> DeclaredInput,
    string InputPolicy,
    string Head,
    AdaptationSettings Settings,
    int Seed) : IRunMessage;

/// <summary>A chunk of a network's fine-tune is done: progress, and the resumable state (network, head and optimizer)
/// it left in the blob store, from which the next chunk, or a restart after a crash, continues.</summary>
public sealed record NetworkChunkTrained(
    Guid RunId,
    Guid RequestId,
    string Task,
    int Chunk,
    int Chunks,
    int StepsDone,
    int TotalSteps,
    double MeanLoss,
    double Seconds,
    string StateBlobHash) : IRunMessage;
