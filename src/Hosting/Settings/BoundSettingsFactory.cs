using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace NasPipeline.Hosting.Settings;

/// <summary>
/// Creates the settings through <see cref="SettingsSection.Bind{TSettings}"/> instead of the default factory, which
/// needs a parameterless constructor (the stages' settings include positional records). A value of the wrong type
/// fails like a validation rule, so every bad setting reaches the caller as one <see cref="OptionsValidationException"/>.
/// </summary>
internal sealed class BoundSettingsFactory<TSettings>(IConfiguration configuration, string section, IEnumerable<IValidateOptions<TSettings>> validations)
    : IOptionsFactory<TSettings>
    where TSettings : class
{
    public TSettings Create(string name)
    {
        TSettings settings;
        try
        {
            settings = SettingsSection.Bind<TSettings>(configuration, section);
        }
        catch (PipelineConfigurationException e)
        {
            throw new OptionsValidationException(name, typeof(TSettings), [e.Message]);
        }

        var failures = validations.Select(v => v.Validate(name, settings)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        return failures.Count == 0 ? settings : throw new OptionsValidationException(name, typeof(TSettings), failures);
    }
}
