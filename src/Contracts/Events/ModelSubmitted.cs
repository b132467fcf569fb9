using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>
/// A user asks the pipeline to find or adapt a network. Exactly one of <see cref="Onnx"/> and <see cref="Point"/> is set.
/// <see cref="InputShapes"/> resolve the model's dynamic dimensions ("1x3x224x224", or "name=1x3x224x224").
/// <see cref="Budget"/> overrides the Search stage's configured budget; <see cref="ParentRunId"/> names the run this
/// one was forked from (<c>replay --fork</c>). Both were added later and are optional, so older stored submissions
/// still read back (as null).
/// </summary>
public sealed record ModelSubmitted(
    Guid RunId,
    DateTimeOffset SubmittedAt,
    OnnxModelRef? Onnx,
    SearchSpacePoint? Point,
    IReadOnlyList<string> InputShapes,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<Constraint> Constraints,
    int Seed,
    SearchBudget? Budget = null,
    Guid? ParentRunId = null) : IRunMessage;
