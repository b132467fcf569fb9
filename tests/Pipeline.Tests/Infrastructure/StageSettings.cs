using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Settings;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>A stage's settings as its services get them, from a host built the way every pipeline host is built
/// (<see cref="CheckedHostBuild.BuildChecked"/>), without the servers: a bad value is the
/// <see cref="PipelineConfigurationException"/> a stage process prints.</summary>
public static class StageSettings
{
    public static TSettings Read<TSettings>(IPipelineStage stage, IEnumerable<(string Key, string Value)> values, Action<IServiceCollection>? services = null)
        where TSettings : notnull
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
        services?.Invoke(builder.Services);
        stage.AddSettings(builder.Services, builder.Configuration);
        using var host = builder.BuildChecked();
        return host.Services.GetRequiredService<TSettings>();
    }
}
