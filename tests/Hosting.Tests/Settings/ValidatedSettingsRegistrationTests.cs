using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NasPipeline.Hosting.Settings;

namespace NasPipeline.Hosting.Tests.Settings;

/// <summary>AddValidatedSettings through the options pattern: IOptions, and a host that refuses to start.</summary>
public sealed class ValidatedSettingsRegistrationTests
{
    [Fact]
    public void Options_carry_the_bound_settings()
    {
        var builder = SettingsHost.Builder(("Sample:BatchSize", "9"));
        builder.Services.AddValidatedSettings<SampleSettings, SampleSettingsValidator>(builder.Configuration, "Sample");
        using var host = builder.Build();

        Assert.Equal(9, host.Services.GetRequiredService<IOptions<SampleSettings>>().Value.BatchSize);
    }

    [Fact]
    public async Task The_host_does_not_start_and_says_what_the_validator_says()
    {
        var builder = SettingsHost.Builder(("Sample:BatchSize", "0"), ("Sample:Name", ""));
        builder.Services.AddValidatedSettings<SampleSettings, SampleSettingsValidator>(builder.Configuration, "Sample");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            ["Sample__BatchSize: 'Batch Size' must be greater than or equal to '1'.", "Sample__Name: 'Name' must not be empty."],
            error.Failures);
    }

    [Fact]
    public async Task A_positional_record_with_a_value_of_the_wrong_type_fails_at_start_too()
    {
        var builder = SettingsHost.Builder(("Search:Population", "lots"));
        builder.Services.AddValidatedSettings<PositionalSettings, PositionalSettingsValidator>(builder.Configuration, "Search");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Search__Population must be a whole number, not 'lots'.", Assert.Single(error.Failures));
    }

    [Fact]
    public void Services_take_the_settings_themselves()
    {
        var builder = SettingsHost.Builder(("Search:Generations", "3"));
        builder.Services.AddValidatedSettings<PositionalSettings, PositionalSettingsValidator>(builder.Configuration, "Search");
        using var host = builder.Build();

        Assert.Equal(new PositionalSettings(40, 3), host.Services.GetRequiredService<PositionalSettings>());
    }
}
