using FluentValidation;
using Microsoft.Extensions.Configuration;

namespace NasPipeline.Hosting.Settings;

/// <summary>
/// Reads one configuration section into a settings type and checks it with FluentValidation, without a host, so a
/// stage's settings rules can be tested on their own. Problems name the environment variable to fix
/// (<c>Predict__BatchSize</c>), since that is how the stages are configured.
/// </summary>
public static class SettingsSection
{
    /// <summary>The section bound to <typeparamref name="TSettings"/>; keys left out keep the type's defaults, and a
    /// positional record binds through its constructor. A value of the wrong type is a
    /// <see cref="PipelineConfigurationException"/> naming its environment variable and what it needs to be
    /// (<c>Search__Generations must be a whole number, not 'many'.</c>), every such value at once.</summary>
    public static TSettings Bind<TSettings>(IConfiguration configuration, string section) where TSettings : class
    {
        var values = configuration.GetSection(section);
        if (SettingValueTypes.Problems(typeof(TSettings), values, section) is { Count: > 0 } problems)
        {
            throw new PipelineConfigurationException(string.Join(" ", problems));
        }

        try
        {
            return values.Get<TSettings>() ?? Defaults<TSettings>();
        }
        catch (InvalidOperationException e)
        {
            throw new PipelineConfigurationException($"{section}: {e.Message}");
        }
    }

    /// <summary>Each FluentValidation failure as <c>Section__Property: message</c> (<c>Section: message</c> for a rule on
    /// the whole settings); empty when the settings are valid.</summary>
    public static IReadOnlyList<string> Problems<TSettings>(TSettings settings, IValidator<TSettings> validator, string section) =>
        validator.Validate(settings).Errors
            .Select(e => e.PropertyName.Length == 0 ? $"{section}: {e.ErrorMessage}" : $"{Variable(section, e.PropertyName)}: {e.ErrorMessage}")
            .ToList();

    /// <summary>The environment variable that sets <paramref name="property"/> of <paramref name="section"/>.</summary>
    public static string Variable(string section, string property) => $"{section}__{property.Replace(".", "__", StringComparison.Ordinal)}";

    /// <summary>An empty section binds to nothing: the settings as constructed with no arguments (a positional record's
    /// parameter defaults included).</summary>
    private static TSettings Defaults<TSettings>()
    {
        var constructor = typeof(TSettings).GetConstructor(Type.EmptyTypes)
            ?? typeof(TSettings).GetConstructors().FirstOrDefault(c => c.GetParameters().All(p => p.HasDefaultValue))
            ?? throw new InvalidOperationException($"{typeof(TSettings).Name} has no constructor that needs no arguments.");
        return (TSettings)constructor.Invoke(constructor.GetParameters().Select(p => p.DefaultValue).ToArray());
    }
}
