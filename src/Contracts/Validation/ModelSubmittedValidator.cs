using System.Globalization;
using FluentValidation;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Validation;

public sealed class ModelSubmittedValidator : AbstractValidator<ModelSubmitted>
{
    /// <summary>Said rather than dropping the objective silently: latency is timed on the subnets of a search space; the
    /// mutation search of a submitted ONNX model ranks its edits by predicted metric and MACs only.</summary>
    public const string LatencyNeedsPoint =
        "Latency is measured for search-space points (--point); a submitted ONNX model's mutation search cuts MACs, so search on macs or params instead.";

    public const int MaxTasks = 16;

    public const string MaxDropNeedsOnnx =
        "--max-drop chooses among the measured networks of a submitted ONNX model's mutation search; a search-space point's run has no such path.";

    /// <summary>Refused rather than ignored: without measurements there is nothing to choose by.</summary>
    public const string MaxDropNeedsAdapt =
        "--max-drop chooses by measurement, so it needs --adapt N (N >= 1): the networks of the search's path the Adapt stage fine-tunes and measures.";

    public const string MaxStepCutNeedsOnnx =
        "--max-step-cut bounds each round of a submitted ONNX model's mutation search; a search-space point's run has no such rounds.";

    /// <summary>Why a step cap is refused, or null when it is a fraction strictly between 0 and 1; `nasp mutate` asks
    /// too.</summary>
    public static string? MaxStepCutRefusal(double cap) => double.IsFinite(cap) && cap is > 0 and < 1
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"--max-step-cut must be a fraction of the current network's MACs above 0 and below 1 (e.g. 0.03), not {cap}.");

    /// <summary>Beyond a few spreads "within the predictor's noise" means nothing; a larger number is a typo.</summary>
    public const double MaxSpreadTolerance = 10;

    public const string SpreadToleranceNeedsOnnx =
        "--spread-tolerance loosens which mutants a submitted ONNX model's mutation search may keep; a search-space point's run has no mutants.";

    public const string StepRuleNeedsOnnx =
        "--step-rule chooses among the mutants of a submitted ONNX model's mutation search; a search-space point's run has no such rounds.";

    public const string FnaNeedsOnnx =
        "--fna adapts a submitted network (an ONNX chain classifier with its weights); a search-space point's run searches its space instead.";

    /// <summary>FNA replaces the mutation search, so the mutation search's options would be silently ignored.</summary>
    public const string FnaReplacesMutationSearch =
        "--fna replaces the mutation search: --max-step-cut, --step-rule, --spread-tolerance and --pseudo-labels steer the mutation search and do not apply.";

    /// <summary>λ weighs log10(E[MACs]) against the task loss; beyond this the task loss no longer counts.</summary>
    public const double MaxCostWeight = 100;

    public ModelSubmittedValidator()
    {
        RuleFor(m => m.RunId).NotEmpty().WithMessage("The submission has no run id.");
        RuleFor(m => m).Must(m => (m.Onnx is null) != (m.Point is null))
            .WithName("Model")
            .WithMessage("Give exactly one model: an ONNX file or a search-space point.");
        When(m => m.Onnx is not null, () =>
        {
            RuleFor(m => m.Onnx!.BlobHash).Must(Names.IsSha256)
                .WithMessage("The ONNX model's blob hash must be a lower-case SHA-256 (64 hex digits).");
            RuleFor(m => m.Onnx!.FileName).NotEmpty().WithMessage("The ONNX model needs a file name.");
            RuleFor(m => m.Onnx!.SizeBytes).GreaterThan(0).WithMessage("The ONNX file is empty.");
        });
        When(m => m.Point is not null, () =>
        {
            RuleFor(m => m.Point!.Space).NotEmpty().WithMessage("The search-space point must name its space.");
            RuleFor(m => m.Point!.Encoding).NotEmpty().WithMessage("The search-space point has no genes.");
        });
        RuleFor(m => m.InputShapes).NotNull().WithMessage("The submission has no input-shape list (an empty one is fine).");
        RuleForEach(m => m.InputShapes).Must(ShapeText.IsValid)
            .WithMessage((_, shape) => $"Input shape '{shape}' is not of the form 1x3x224x224 or name=1x3x224x224.");
        RuleFor(m => m.Tasks).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Name at least one task (e.g. classification).")
            .Must(t => t.Count <= MaxTasks).WithMessage($"At most {MaxTasks} tasks per run.")
            .Must(t => t.Distinct(StringComparer.Ordinal).Count() == t.Count).WithMessage("A task is named twice.");
        RuleForEach(m => m.Tasks).Must(Names.IsTaskName)
            .WithMessage((_, task) => $"Task name '{task}' must be lower-case letters, digits, '-' or '_'.");
        RuleFor(m => m.Objectives).Cascade(CascadeMode.Stop).NotNull().WithMessage("The submission has no objective list (an empty one is fine).")
            .Must(o => o.Where(x => x is not null).Select(x => x.Name).Distinct(StringComparer.Ordinal).Count() == o.Count(x => x is not null))
            .WithMessage("An objective is named twice.");
        // Elements may be null in a message another client published: each rule lets a null through to the NotNull rule.
        RuleForEach(m => m.Objectives).NotNull().WithMessage("An objective is missing (null).");
        RuleForEach(m => m.Objectives).Must((m, o) => o is null || CostNames.All.Contains(o.Name ?? "") || (m.Tasks ?? []).Contains(o.Name))
            .WithMessage((_, o) => $"Objective '{o.Name}' is neither a task of this run nor one of: {string.Join(", ", CostNames.All)}.");
        RuleForEach(m => m.Objectives).Must(o => o is null || !CostNames.All.Contains(o.Name ?? "") || o.Direction == ObjectiveDirection.Minimize)
            .WithMessage((_, o) => $"Cost objective '{o.Name}' can only be minimised.");
        RuleForEach(m => m.Objectives).Must((m, o) => o is null || o.Name != CostNames.Latency || m.Onnx is null).WithMessage(LatencyNeedsPoint);
        RuleFor(m => m.Constraints).NotNull().WithMessage("The submission has no constraint list (an empty one is fine).");
        RuleForEach(m => m.Constraints).NotNull().WithMessage("A constraint is missing (null).");
        RuleForEach(m => m.Constraints).Must((m, c) => c is null || c.Quantity != CostNames.Latency || m.Onnx is null).WithMessage(LatencyNeedsPoint);
        RuleForEach(m => m.Constraints).Must(c => c is null || CostNames.All.Contains(c.Quantity ?? ""))
            .WithMessage((_, c) => $"Constraint on '{c.Quantity}': only {string.Join(", ", CostNames.All)} can be constrained.");
        RuleForEach(m => m.Constraints).Must(c => c is null || (double.IsFinite(c.Value) && c.Value > 0))
            .WithMessage((_, c) => $"Constraint on '{c.Quantity}' needs a positive finite bound, not {c.Value}.");
        RuleFor(m => m.Budget!).SetValidator(new SearchBudgetValidator()).When(m => m.Budget is not null);
        RuleFor(m => m.MaxDrop).Must(d => d is { } v && double.IsFinite(v) && v >= 0).When(m => m.MaxDrop is not null)
            .WithMessage(m => $"--max-drop must be a finite number of at least 0 (in each task's metric units), not {m.MaxDrop}.");
        RuleFor(m => m.MaxDrop).Must((m, _) => m.Onnx is not null).When(m => m.MaxDrop is not null).WithMessage(MaxDropNeedsOnnx);
        RuleFor(m => m.MaxDrop).Must((m, _) => m.Budget?.AdaptPerIteration is > 0 || m.Fna is not null).When(m => m.MaxDrop is not null && m.Onnx is not null)
            .WithMessage(MaxDropNeedsAdapt);
        RuleFor(m => m.MaxStepCut).Must(c => MaxStepCutRefusal(c!.Value) is null).When(m => m.MaxStepCut is not null)
            .WithMessage(m => MaxStepCutRefusal(m.MaxStepCut!.Value));
        RuleFor(m => m.MaxStepCut).Must((m, _) => m.Onnx is not null).When(m => m.MaxStepCut is not null).WithMessage(MaxStepCutNeedsOnnx);
        RuleFor(m => m.StepRule).IsInEnum().When(m => m.StepRule is not null)
            .WithMessage(m => $"--step-rule is one of {string.Join(", ", Enum.GetNames<MutationStepRule>().Select(n => n.ToLowerInvariant()))}, not {m.StepRule}.");
        RuleFor(m => m.StepRule).Must((m, _) => m.Onnx is not null).When(m => m.StepRule is not null).WithMessage(StepRuleNeedsOnnx);
        RuleFor(m => m.SpreadTolerance).Must(t => t is { } v && double.IsFinite(v) && v >= 0 && v <= MaxSpreadTolerance).When(m => m.SpreadTolerance is not null)
            .WithMessage(m => $"--spread-tolerance is a number of the predictor's spreads from 0 to {MaxSpreadTolerance} (e.g. 1), not {m.SpreadTolerance}.");
        RuleFor(m => m.SpreadTolerance).Must((m, _) => m.Onnx is not null).When(m => m.SpreadTolerance is not null).WithMessage(SpreadToleranceNeedsOnnx);
        When(m => m.Fna is not null, () =>
        {
            RuleFor(m => m.Fna).Must((m, _) => m.Onnx is not null).WithMessage(FnaNeedsOnnx);
            RuleFor(m => m.Fna).Must((m, _) => m.MaxStepCut is null && m.StepRule is null && m.SpreadTolerance is null && m.Budget?.PseudoLabels is null or 0)
                .WithMessage(FnaReplacesMutationSearch);
            RuleFor(m => m.Fna!.CostWeight).Must(w => double.IsFinite(w) && w is >= 0 and <= MaxCostWeight)
                .WithMessage(m => string.Create(CultureInfo.InvariantCulture, $"--cost-weight is λ in task loss + λ·log10(E[MACs]), from 0 to {MaxCostWeight}, not {m.Fna!.CostWeight}."));
            RuleFor(m => m.Fna!).Must(f => f.TargetMacsFactor is null || f.TargetMacs is null)
                .WithMessage("--target-macs is either a factor of the seed's MACs (0.8x) or a count, not both.");
            RuleFor(m => m.Fna!.TargetMacsFactor).Must(f => f is { } v && double.IsFinite(v) && v is > 0 and <= 1).When(m => m.Fna!.TargetMacsFactor is not null)
                .WithMessage(m => string.Create(CultureInfo.InvariantCulture, $"--target-macs as a factor of the seed's MACs is in (0, 1] (e.g. 0.8x), not {m.Fna!.TargetMacsFactor}."));
            RuleFor(m => m.Fna!.TargetMacs).GreaterThan(0).When(m => m.Fna!.TargetMacs is not null)
                .WithMessage(m => $"--target-macs as a count of MACs is positive, not {m.Fna!.TargetMacs}.");
        });
        RuleFor(m => m.ParentRunId).Must(p => p != Guid.Empty).WithMessage("A fork's parent run id is empty.")
            .Must((m, p) => p != m.RunId).WithMessage("A run cannot be forked from itself.")
            .When(m => m.ParentRunId is not null);
    }
}
