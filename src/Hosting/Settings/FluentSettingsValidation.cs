using FluentValidation;
using Microsoft.Extensions.Options;

namespace NasPipeline.Hosting.Settings;

/// <summary>Runs a FluentValidation validator where the options pattern checks settings, so <c>ValidateOnStart</c>
/// refuses to start with the validator's own messages.</summary>
internal sealed class FluentSettingsValidation<TSettings>(string section, IValidator<TSettings> validator) : IValidateOptions<TSettings>
    where TSettings : class
{
    public ValidateOptionsResult Validate(string? name, TSettings options) =>
        SettingsSection.Problems(options, validator, section) is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
}
