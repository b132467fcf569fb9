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

    [Fact]
    public void A_value_of_the_wrong_type_names_the_section()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => SettingsSection.Bind<SampleSettings>(Config(("Sample:BatchSize", "many")), "Sample"));

        Assert.StartsWith("Sample: ", error.Message);
        Assert.Contains("Sample:BatchSize", error.Message);
    }

    [Fact]
    public void Problems_name_the_environment_variable_and_keep_the_validator_message()
    {
        var problems = SettingsSection.Problems(new PositionalSettings(Population: 2), new PositionalSettingsValidator(), "Search");

        Assert.Equal(["Search__Population: The population must be between 4 and 1000, not 2."], problems);
        Assert.Empty(SettingsSection.Problems(new PositionalSettings(), new PositionalSettingsValidator(), "Search"));
    }
}
