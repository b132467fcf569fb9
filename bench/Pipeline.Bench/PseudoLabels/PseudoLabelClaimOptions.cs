using NasPipeline.Vision.Data;

namespace NasPipeline.Bench.PseudoLabels;

/// <summary>
/// The budget of AIO-P's claim (issue 14 item 5): <paramref name="Networks"/> mbv3-28 networks stratified over MACs per
/// task; the body a classification supernet (<paramref name="Checkpoint"/>, or one trained here for
/// <paramref name="SupernetEpochs"/> epoch(s) on <paramref name="SupernetImages"/> images); the shared head
/// <paramref name="HeadSteps"/> steps; each label <paramref name="FineTuneSteps"/> steps; the truth each network trained
/// alone from scratch for <paramref name="StandaloneEpochs"/> epoch(s) on <paramref name="StandaloneImages"/> images with
/// the task's recipe (the head and the fine-tunes draw their batches from the same images). Both measured on the same <paramref name="EvaluationImages"/> validation images.
/// <paramref name="Records"/>: JSON lines of finished networks, read back on a rerun; <paramref name="SaveBody"/>: where
/// to keep a body trained here, for <paramref name="Checkpoint"/> on the rerun; <paramref name="SecondTruth"/>: train each
/// network alone a second time from another seed, for the truth's own seed-to-seed SRCC.
/// </summary>
public sealed record PseudoLabelClaimOptions(
    IReadOnlyList<string> Tasks,
    int Networks = 30,
    string? Checkpoint = null,
    int SupernetEpochs = 1,
    int SupernetImages = 20_000,
    int HeadSteps = 150,
    int FineTuneSteps = 30,
    int StandaloneEpochs = 1,
    int StandaloneImages = 10_000,
    int EvaluationImages = 1_000,
    string? Records = null,
    string? SaveBody = null,
    bool SecondTruth = false,
    string Data = FashionMnistOptions.DefaultFolder);
