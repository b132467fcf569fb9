using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Events;

/// <summary>
/// A user asks the pipeline to find or adapt a network. Exactly one of <see cref="Onnx"/> and <see cref="Point"/> is set.
/// <see cref="InputShapes"/> resolve the model's dynamic dimensions ("1x3x224x224", or "name=1x3x224x224").
/// <see cref="Budget"/> overrides the Search stage's configured budget; <see cref="ParentRunId"/> names the run this
/// one was forked from (<c>replay --fork</c>). <see cref="MaxDrop"/> (a submitted network with <c>--adapt</c>): the
/// run's model is the cheapest measured network whose measured metric is at most this much worse than the original's
/// on every task, in each task's own units; without it the run's model is the end of the search's path.
/// <see cref="MaxStepCut"/> (a submitted network): each round of the mutation search moves only to a mutant that removes
/// at most this fraction of the current network's MACs, so the path takes small steps and measurements along it can stop
/// where the metric starts to fall. <see cref="StepRule"/>: how a round chooses among its qualifying mutants (null: by
/// predicted headroom). <see cref="SpreadTolerance"/> (a submitted network): a mutant also qualifies when its predicted
/// metric is below the original's, on each task, by no more than this many times the predictor's own spread for it on
/// that task (its ensemble's standard deviation), since differences inside that spread are the predictor's noise (null:
/// not below at all). <see cref="Fna"/> (a submitted chain network): FNA's architecture and parameter adaptation
/// replace the mutation search (null: the mutation search). These were added later and are optional, so older stored submissions still read back (as null).
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
    Guid? ParentRunId = null,
    double? MaxDrop = null,
    double? MaxStepCut = null,
    MutationStepRule? StepRule = null,
    double? SpreadTolerance = null,
    FnaOptions? Fna = null) : IRunMessage;
