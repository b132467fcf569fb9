using System.Globalization;
using FluentValidation;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Validation;
using NasPipeline.SubmissionChecks;

namespace NasPipeline.Search.Loop;

/// <summary>
/// The Search stage's configured budget, checked when the stage starts: with the bounds a submitted budget has, and
/// refused, as a submission would be, when it asks for adaptation that this pipeline has no stage for (it would wait
/// for ever for subnets nobody adapts). The mutation index must be positive (0 or below breaks the distribution).
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
        RuleFor(s => s.MutationEta).Must(eta => eta is > 0 && double.IsFinite(eta.Value))
            .WithMessage((_, eta) => $"The mutation index must be a finite number above 0, not {eta?.ToString(CultureInfo.InvariantCulture) ?? "empty"}.");
        RuleFor(s => s.Rules).Equal(SearchStarted.CurrentRules)
            .WithMessage($"Rules is recorded by the stage itself; leave it unset ({SearchStarted.CurrentRules}).");
        // Below 0 the bounds above already said so.
        RuleFor(s => s.AdaptPerIteration).Must(n => n <= 0 || stages.Adapt)
            .WithMessage((_, n) => $"{StageCapabilities.AdaptUnavailable}; set it to 0, not {n}.");
    }
}
