using FluentValidation;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Contracts.Validation;

public sealed class GraphExtractedValidator : AbstractValidator<GraphExtracted>
{
    public GraphExtractedValidator()
    {
        Include(new RunMessageValidator());
        RuleFor(m => m.GraphBlobHash).Must(Names.IsSha256).WithMessage("The graph's blob hash must be a SHA-256.");
        RuleFor(m => m.NodeCount).GreaterThan(0).WithMessage("A computation graph has at least one node.");
        RuleFor(m => m.Macs).GreaterThanOrEqualTo(0);
        RuleFor(m => m.Params).GreaterThanOrEqualTo(0);
    }
}

public sealed class ScoreCandidatesValidator : AbstractValidator<ScoreCandidates>
{
    public ScoreCandidatesValidator()
    {
        Include(new RunMessageValidator());
        RuleFor(m => m.RequestId).NotEmpty();
        RuleFor(m => m.Tasks).NotEmpty().WithMessage("Scoring needs at least one task.");
        RuleFor(m => m.Candidates).NotEmpty().WithMessage("Nothing to score: the candidate list is empty.");
        RuleForEach(m => m.Candidates).Must(c => c is { Name.Length: > 0 }).WithMessage("A candidate to score has no name.");
    }
}

public sealed class AdaptSubnetValidator : AbstractValidator<AdaptSubnet>
{
    public AdaptSubnetValidator()
    {
        Include(new RunMessageValidator());
        RuleFor(m => m.RequestId).NotEmpty();
        RuleFor(m => m.Candidate).Must(c => c is { Name.Length: > 0 }).WithMessage("AdaptSubnet names no candidate.");
        RuleFor(m => m.Tasks).NotEmpty().WithMessage("Adaptation needs at least one task.");
    }
}

public sealed class PseudoLabelRequestedValidator : AbstractValidator<PseudoLabelRequested>
{
    public PseudoLabelRequestedValidator()
    {
        Include(new RunMessageValidator());
        RuleFor(m => m.RequestId).NotEmpty();
        RuleFor(m => m.Task).Must(Names.IsTaskName).WithMessage(m => $"'{m.Task}' is not a task name.");
        RuleFor(m => m.Architecture).NotNull().WithMessage("No architecture to pseudo-label.");
        RuleFor(m => m.ModelBlobHash).Must(h => h is null || ContentHash.IsHash(h))
            .WithMessage(m => $"The model to pseudo-label is named by its blob hash (64 hex digits), not '{m.ModelBlobHash}'.");
    }
}

public sealed class SharedHeadTrainedValidator : AbstractValidator<SharedHeadTrained>
{
    public SharedHeadTrainedValidator()
    {
        Include(new RunMessageValidator());
        RuleFor(m => m.Task).Must(Names.IsTaskName).WithMessage(m => $"'{m.Task}' is not a task name.");
        RuleFor(m => m.HeadBlobHash).NotEmpty();
        RuleFor(m => m.SupernetBlobHash).NotEmpty();
    }
}

public sealed class PseudoLabelReadyValidator : AbstractValidator<PseudoLabelReady>
{
    public PseudoLabelReadyValidator()
    {
        Include(new RunMessageValidator());
        RuleFor(m => m.Task).Must(Names.IsTaskName).WithMessage(m => $"'{m.Task}' is not a task name.");
        RuleForEach(m => m.Labels).Must(l => double.IsFinite(l.Value)).WithMessage("A pseudo-label is not a finite number.");
    }
}

public sealed class SubnetAdaptedValidator : AbstractValidator<SubnetAdapted>
{
    public SubnetAdaptedValidator()
    {
        Include(new RunMessageValidator());
        RuleFor(m => m.Candidate).Must(c => c is { Name.Length: > 0 }).WithMessage("SubnetAdapted names no candidate.");
        RuleForEach(m => m.Metrics).Must(kv => double.IsFinite(kv.Value)).WithMessage("A measured metric is not a finite number.");
    }
}
