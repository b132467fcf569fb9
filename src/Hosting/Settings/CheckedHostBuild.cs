using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NasPipeline.Hosting.Settings;

public static class CheckedHostBuild
{
    /// <summary>
    /// Builds the host and checks the settings registered with
    /// <see cref="ValidatedSettingsRegistration.AddValidatedSettings{TSettings,TValidator}"/> before anything starts. The
    /// host would check them as it starts, but it logs the failure first ("Hosting failed to start", with a stack
    /// trace); checked here, every bad setting of every stage is one <see cref="PipelineConfigurationException"/>, which
    /// a stage process and the CLI print as one error line.
    /// </summary>
    public static IHost BuildChecked(this HostApplicationBuilder builder)
    {
        var host = builder.Build();
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            return host;
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            host.Dispose();
            throw new PipelineConfigurationException(string.Join(" ", failures));
        }
    }

    /// <summary>Each settings type that fails is one <see cref="OptionsValidationException"/>; several come together.</summary>
    private static List<string> Failures(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException all when all.InnerExceptions.All(i => i is OptionsValidationException) => [.. all.InnerExceptions.SelectMany(Failures)],
        _ => [],
    };
}
