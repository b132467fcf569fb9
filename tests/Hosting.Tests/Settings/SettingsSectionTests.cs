using Microsoft.Extensions.Configuration;
using NasPipeline.Hosting.Settings;

namespace NasPipeline.Hosting.Tests.Settings;

/// <summary>Binding and checking a section without a host.</summary>
public sealed class SettingsSectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

    [Fact]
    public void Keys_left_out_keep_their_defaults()
    {
        var settings = SettingsSection.Bind<SampleSettings>(Config(("Sample:BatchSize", "7")), "Sample");

        Assert.Equal(new SampleSettings { BatchSize = 7, Name = "default" }, settings);
    }

    [Fact]
    public void A_missing_section_gives_the_defaults_even_for_a_positional_record()
    {
        Assert.Equal(new SampleSettings(), SettingsSection.Bind<SampleSettings>(Config(), "Sample"));
        Assert.Equal(new PositionalSettings(40, 10), SettingsSection.Bind<PositionalSettings>(Config(), "Search"));
    }

    [Fact]
    public void A_positional_record_binds_through_its_constructor()
    {
        var settings = SettingsSection.Bind<PositionalSettings>(Config(("Search:Generations", "3")), "Search");

        Assert.Equal(new PositionalSettings(40, 3), settings);
    }

    [Theory]
    [InlineData("BatchSize", "many", "Sample__BatchSize must be a whole number, not 'many'.")]
    [InlineData("batchsize", "1.5", "Sample__BatchSize must be a whole number, not '1.5'.")]
    [InlineData("Rate", "half", "Sample__Rate must be a number, not 'half'.")]
    [InlineData("Verbose", "yes", "Sample__Verbose must be true or false, not 'yes'.")]
    public void A_value_of_the_wrong_type_names_its_variable_and_what_it_must_be(string key, string value, string message)
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => SettingsSection.Bind<SampleSettings>(Config(($"Sample:{key}", value)), "Sample"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Every_value_of_the_wrong_type_is_named_at_once_and_a_positional_record_is_checked_too()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() =>
            SettingsSection.Bind<PositionalSettings>(Config(("Search:Population", "lots"), ("Search:Generations", "few")), "Search"));

        Assert.Equal("Search__Population must be a whole number, not 'lots'. Search__Generations must be a whole number, not 'few'.", error.Message);
    }

    [Fact]
    public void Values_of_the_right_type_bind_in_the_invariant_culture()
    {
        var settings = SettingsSection.Bind<SampleSettings>(Config(("Sample:Rate", "0.25"), ("Sample:Verbose", "True"), ("Sample:BatchSize", "-3")), "Sample");

        Assert.Equal(new SampleSettings { Rate = 0.25, Verbose = true, BatchSize = -3 }, settings);
    }

    [Fact]
    public void An_empty_value_is_not_a_number_either()
    {
        // The binder refuses it too; an empty string setting is still a value (the bundled default predictor's file).
        var error = Assert.Throws<PipelineConfigurationException>(() => SettingsSection.Bind<SampleSettings>(Config(("Sample:BatchSize", ""), ("Sample:Name", "")), "Sample"));

        Assert.Equal("Sample__BatchSize must be a whole number, not ''.", error.Message);
    }

    [Fact]
    public void A_type_without_its_own_check_still_fails_naming_the_section()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => SettingsSection.Bind<SampleSettings>(Config(("Sample:Timeout", "soon")), "Sample"));

        Assert.StartsWith("Sample: ", error.Message);
        Assert.Contains("Sample:Timeout", error.Message);
    }

    [Fact]
    public void Problems_name_the_environment_variable_and_keep_the_validator_message()
    {
        var problems = SettingsSection.Problems(new PositionalSettings(Population: 2), new PositionalSettingsValidator(), "Search");

        Assert.Equal(["Search__Population: The population must be between 4 and 1000, not 2."], problems);
        Assert.Empty(SettingsSection.Problems(new PositionalSettings(), new PositionalSettingsValidator(), "Search"));
    }
}
