using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>One epoch of a supernet's sandwich training: losses, gradient-conflict rate, wall time.</summary>
public sealed record SupernetEpoch(int Epoch, double Loss, double DistillationLoss, double GradientConflictRate, double Seconds);

/// <summary>The settings a supernet was trained with, complete enough to train it again the same way.</summary>
public sealed record SupernetTrainingSettings(
    int Epochs,
    int TrainImages,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    int RandomSubnets,
    bool GradientProjection,
    bool SwitchableScaling,
    int Threads);

/// <summary>A weight-sharing supernet was trained for a task (NASViT sandwich rule); its checkpoint is in the blob store.</summary>
public sealed record SupernetTrained(
    Guid RunId,
    string Space,
    string Task,
    SupernetTrainingSettings Settings,
    IReadOnlyList<SupernetEpoch> Epochs,
    string CheckpointBlobHash,
    IReadOnlyList<SubnetEvaluated> Evaluated,
    int Seed) : IRunMessage;

/// <summary>A subnet's task metric read from a trained supernet (inherited weights, BN recalibrated).</summary>
public sealed record SubnetEvaluated(
    Guid RunId,
    SearchSpacePoint Point,
    string Task,
    string Metric,
    double Value,
    string Split,
    int Images,
    long Macs,
    long Params,
    string CheckpointBlobHash) : IRunMessage;
