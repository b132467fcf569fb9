using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Hosting.Settings;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.SupernetHosting.Tasks;

public static class VisionTaskRegistration
{
    /// <summary>The section the plug-in list is read from.</summary>
    public const string Section = "Tasks";

    /// <summary>
    /// The <see cref="TaskRegistry"/> a stage works with: the built-in tasks plus those of <c>Tasks__Plugins</c>, checked
    /// at start like any setting. Registered once however many stages of one process ask (`nasp` runs them all).
    /// </summary>
    public static IServiceCollection AddVisionTasks(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(TaskRegistry)))
        {
            return services;
        }

        services.AddValidatedSettings<TaskPluginSettings, TaskPluginSettingsValidator>(configuration, Section);
        return services.AddSingleton(sp => TaskPlugins.Registry(sp.GetRequiredService<TaskPluginSettings>().Plugins));
    }
}
