using NasPipeline.Contracts.Events;

namespace NasPipeline.Adaptation.PseudoLabels.Planning;

/// <summary>The one piece of work the PseudoLabel stage does next for a run; the handler carries it out.</summary>
public abstract record PseudoLabelStep;

/// <summary>Nothing to do: no request is pending, or the run has ended.</summary>
public sealed record PseudoLabelIdle : PseudoLabelStep;

/// <summary>Train the task's shared head over the <paramref name="Space"/> supernet (the first request of the task
/// asks for it).</summary>
public sealed record TrainSharedHeadStep(string Task, string Space, int Seed) : PseudoLabelStep;

/// <summary>Pseudo-label the request's network on its task, starting from the task's shared head.</summary>
public sealed record LabelStep(PseudoLabelRequested Request, IReadOnlyList<int> Genes, SharedHeadTrained Head, int Seed) : PseudoLabelStep;

/// <summary>Pseudo-label the request's ONNX model (<paramref name="ModelBlobHash"/>, with its weights) on its task from the
/// task's shared head, read through a learned projection; <paramref name="InputShapes"/> are the run's <c>--input</c>
/// shapes, which take precedence over the model's declared input.</summary>
public sealed record LabelModelStep(PseudoLabelRequested Request, string ModelBlobHash, IReadOnlyList<string> InputShapes, SharedHeadTrained Head, int Seed)
    : PseudoLabelStep;

/// <summary>The request cannot be served; the run fails with the reason.</summary>
public sealed record PseudoLabelRefused(string Reason) : PseudoLabelStep;
