using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace NasPipeline.Hosting.Settings;

public static class ValidatedSettingsRegistration
{
    /// <summary>
    /// Settings from <paramref name="sectionName"/> as <see cref="IOptions{TSettings}"/>, checked by
    /// <typeparamref name="TValidator"/> when the host starts (<c>ValidateOnStart</c>): a bad value stops the start with an
    /// <see cref="OptionsValidationException"/> whose message is the validator's, per environment variable
    /// (<see cref="CheckedHostBuild.BuildChecked"/> finds it before the start). The settings themselves are a service
    /// too, the options' value, so the classes that use them take <typeparamref name="TSettings"/> and need not know
    /// the options pattern.
    /// </summary>
    public static OptionsBuilder<TSettings> AddValidatedSettings<TSettings, TValidator>(this IServiceCollection services,
        IConfiguration configuration, string sectionName)
        where TSettings : class
        where TValidator : class, IValidator<TSettings>
    {
        services.TryAddSingleton<TValidator>();
        services.AddSingleton<IValidateOptions<TSettings>>(sp => new FluentSettingsValidation<TSettings>(sectionName, sp.GetRequiredService<TValidator>()));
        services.AddSingleton<IOptionsFactory<TSettings>>(sp =>
            new BoundSettingsFactory<TSettings>(configuration, sectionName, sp.GetServices<IValidateOptions<TSettings>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TSettings>>().Value);
        return services.AddOptions<TSettings>().ValidateOnStart();
    }
}
