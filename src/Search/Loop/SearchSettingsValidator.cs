using FluentValidation;
using NasPipeline.Contracts.Validation;
using NasPipeline.SubmissionChecks;

namespace NasPipeline.Search.Loop;

/// <summary>
/// The Search stage's configured budget, checked when the stage starts: with the bounds a submitted budget has, and
/// refused, as a submission would be, when it asks for adaptation that this pipeline has no stage for (it would wait
/// for ever for subnets nobody adapts).
/// </summary>
public sealed class SearchSettingsValidator : AbstractValidator<SearchSettings>
{
    private static readonly SearchBudgetValidator Budget = new();

    public SearchSettingsValidator(StageCapabilities stages)
    {
        // One set of bounds for both; the budget's parts have the settings' names, so its failures name the right keys.
        RuleFor(s => s).Custom((settings, context) =>
        {
            foreach (var failure in Budget.Validate(settings.ToBudget()).Errors)
            {
                context.AddFailure(failure);
            }
        });
        // Below 0 the bounds above already said so.
        RuleFor(s => s.AdaptPerIteration).Must(n => n <= 0 || stages.Adapt)
            .WithMessage((_, n) => $"{StageCapabilities.AdaptUnavailable}; set it to 0, not {n}.");
    }
}
