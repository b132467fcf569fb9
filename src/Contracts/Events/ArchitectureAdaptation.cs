namespace NasPipeline.Contracts.Events;

/// <summary>How FNA's architecture adaptation trains, recorded when it starts so a resumed or replayed one trains the
/// same way: <paramref name="WarmupEpochs"/> of weight steps alone, then <paramref name="SearchEpochs"/> of weight and
/// α steps, <paramref name="StepsPerEpoch"/> each, on the first <paramref name="TrainImages"/> training images split
/// between weights and α; <paramref name="MacBudget"/> is the backbone budget the derivation must fit (null: argmax).</summary>
public sealed record ArchitectureAdaptationSettings(
    int WarmupEpochs,
    int SearchEpochs,
    int StepsPerEpoch,
    int TotalSteps,
    int ChunkSteps,
    int BatchSize,
    int AlphaBatchSize,
    double WeightLearningRate,
    double AlphaLearningRate,
    double CostWeight,
    long? MacBudget,
    int TrainImages,
    int Threads);

/// <summary>The Adapt stage starts FNA's architecture adaptation of a run's submitted chain network
/// (<paramref name="SeedArchitecture"/>, <paramref name="SeedMacs"/> backbone MACs by the cost model) for
/// <paramref name="Task"/>.</summary>
public sealed record ArchitectureAdaptationStarted(
    Guid RunId,
    Guid RequestId,
    string Task,
    string SeedModelBlobHash,
    string SeedArchitecture,
    long SeedMacs,
    ArchitectureAdaptationSettings Settings,
    int Seed) : IRunMessage;

/// <summary>A chunk of the architecture adaptation is done: progress (the weight steps' mean loss, the expected MACs
/// under α after its last step, null during the warm-up) and the resumable state it left in the blob store.</summary>
public sealed record ArchitectureChunkTrained(
    Guid RunId,
    Guid RequestId,
    int Chunk,
    int Chunks,
    int StepsDone,
    int TotalSteps,
    double MeanLoss,
    double? ExpectedMacs,
    double Seconds,
    string StateBlobHash) : IRunMessage;

/// <summary>The architecture adaptation's result: the derived chain (<paramref name="Derived"/>), every layer's final
/// softmax(α), the expected and the derived backbone MACs, and the derived network as an ONNX classifier with the
/// seed's parameters remapped into it (<paramref name="ModelBlobHash"/>; <paramref name="Macs"/> and
/// <paramref name="Params"/> of that whole model by the cost model), which the parameter adaptation fine-tunes.</summary>
public sealed record ArchitectureDerived(
    Guid RunId,
    Guid RequestId,
    string Task,
    string Derived,
    IReadOnlyList<IReadOnlyList<double>> Probabilities,
    double ExpectedMacs,
    long DerivedMacs,
    string ModelBlobHash,
    long Macs,
    long Params) : IRunMessage;
