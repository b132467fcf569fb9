using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NasPipeline.Hosting.Settings;

namespace NasPipeline.Hosting.Tests.Settings;

/// <summary>Validated settings checked as the host is built, before it starts (and logs) anything.</summary>
public sealed class CheckedHostBuildTests
{
    private static HostApplicationBuilder Builder(params (string Key, string Value)[] pairs)
    {
        var builder = SettingsHost.Builder(pairs);
        builder.Services.AddValidatedSettings<SampleSettings, SampleSettingsValidator>(builder.Configuration, "Sample");
        builder.Services.AddValidatedSettings<PositionalSettings, PositionalSettingsValidator>(builder.Configuration, "Search");
        return builder;
    }

    [Fact]
    public void Good_settings_give_the_host()
    {
        using var host = Builder(("Sample:BatchSize", "4")).BuildChecked();

        Assert.Equal(4, host.Services.GetRequiredService<SampleSettings>().BatchSize);
    }

    [Fact]
    public void Bad_settings_of_every_section_are_one_configuration_error()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => Builder(("Sample:BatchSize", "0"), ("Search:Population", "lots")).BuildChecked());

        Assert.Equal("Sample__BatchSize: 'Batch Size' must be greater than or equal to '1'. Search__Population must be a whole number, not 'lots'.", error.Message);
    }
}
