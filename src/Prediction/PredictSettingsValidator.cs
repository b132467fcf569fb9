using FluentValidation;

namespace NasPipeline.Prediction;

public sealed class PredictSettingsValidator : AbstractValidator<PredictSettings>
{
    public PredictSettingsValidator()
    {
        RuleFor(s => s.BatchSize).GreaterThanOrEqualTo(1);
        RuleFor(s => s.ValidationFolds).GreaterThanOrEqualTo(2);
        RuleFor(s => s.MinRefitSamples).GreaterThanOrEqualTo(s => s.ValidationFolds)
            .WithMessage("'Min Refit Samples' must be at least 'Validation Folds' (each fold needs a held-out label).");
        RuleFor(s => s.RbfMembers).GreaterThanOrEqualTo(1);
        RuleFor(s => s.AdapterEpochs).GreaterThanOrEqualTo(1);
        RuleFor(s => s.DefaultPredictorMetric).NotEmpty();
        // A fifth is held out for the validation SRCC: 10 leave 2 to rank and 8 to train on.
        RuleFor(s => s.DefaultPredictorArchitectures).GreaterThanOrEqualTo(10);
        RuleFor(s => s.DefaultPredictorEpochs).GreaterThanOrEqualTo(1);
        RuleFor(s => s.DefaultPredictorAdapterEpochs).GreaterThanOrEqualTo(1);
    }
}
