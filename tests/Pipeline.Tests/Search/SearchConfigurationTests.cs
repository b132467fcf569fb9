using Microsoft.Extensions.Configuration;
using NasPipeline.Hosting;
using NasPipeline.Search.Loop;
using NasPipeline.Stages.Search;
using NasPipeline.SubmissionChecks;

namespace NasPipeline.Tests.Search;

/// <summary>The Search stage's budget from configuration (section Search), checked before the stage starts.</summary>
public sealed class SearchConfigurationTests
{
    [Fact]
    public void Keys_left_out_keep_their_defaults()
    {
        var settings = SearchConfiguration.Read(Configuration(("Search:Population", "60"), ("Search:InitialSamples", "5")));

        Assert.Equal(new SearchSettings() with { Population = 60, InitialSamples = 5 }, settings);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var settings = SearchConfiguration.Read(Configuration(("Search:Population", "16"), ("Search:Generations", "0"),
            ("Search:Iterations", "3"), ("Search:AdaptPerIteration", "2"), ("Search:InitialSamples", "0")), new StageCapabilities(Adapt: true));

        Assert.Equal(new SearchSettings(16, 0, 3, 2, 0), settings);
    }

    [Fact]
    public void Adaptation_configured_without_an_Adapt_stage_stops_the_stage_at_start_instead_of_waiting_forever()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => SearchConfiguration.Read(Configuration(("Search:AdaptPerIteration", "2"))));

        Assert.Equal("Search__AdaptPerIteration is 2: adaptation needs the Adapt stage, which is not available yet; set Search__AdaptPerIteration=0.", error.Message);
    }

    [Theory]
    [InlineData("Population", "3", "Search__Population: The NSGA-III population must be between 4 and 1000, not 3.")]
    [InlineData("Iterations", "0", "Search__Iterations: The number of NAT iterations must be between 1 and 100, not 0.")]
    [InlineData("Generations", "ten", "Search__Generations must be a whole number, not 'ten'.")]
    public void A_bad_value_is_a_configuration_error_naming_the_setting(string key, string value, string message)
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => SearchConfiguration.Read(Configuration(($"Search:{key}", value))));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_stage_reads_its_settings_when_configured()
    {
        IPipelineStage stage = new SearchStage();

        Assert.Throws<PipelineConfigurationException>(() => stage.Configure(Configuration(("Search:Population", "1"))));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
