using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting;
using NasPipeline.Search.Loop;
using NasPipeline.Stages.Search;
using NasPipeline.SubmissionChecks;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Search;

/// <summary>The Search stage's budget from configuration (section Search), as the stage registers it: checked before
/// the host starts.</summary>
public sealed class SearchStageSettingsTests
{
    [Fact]
    public void Keys_left_out_keep_their_defaults()
    {
        var settings = Settings(null, ("Search:Population", "60"), ("Search:InitialSamples", "5"));

        Assert.Equal(new SearchSettings() with { Population = 60, InitialSamples = 5 }, settings);
        Assert.Equal((SearchSettings.NatMutationEta, SearchStarted.CurrentRules), (settings.MutationEta, settings.Rules));
    }

    [Fact]
    public void Every_key_is_read()
    {
        var settings = Settings(new StageCapabilities(Adapt: true), ("Search:Population", "16"), ("Search:Generations", "0"),
            ("Search:Iterations", "3"), ("Search:AdaptPerIteration", "2"), ("Search:InitialSamples", "0"), ("Search:MutationEta", "2.5"));

        Assert.Equal(new SearchSettings(16, 0, 3, 2, 0, MutationEta: 2.5), settings);
    }

    [Fact]
    public void Adaptation_configured_without_an_Adapt_stage_stops_the_stage_at_start_instead_of_waiting_forever()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => Settings(new StageCapabilities(Adapt: false), ("Search:AdaptPerIteration", "2")));

        Assert.Equal("Search__AdaptPerIteration: adaptation needs the Adapt stage, which is not available yet; set it to 0, not 2.", error.Message);
    }

    [Theory]
    [InlineData("Population", "3", "Search__Population: The NSGA-III population must be between 4 and 1000, not 3.")]
    [InlineData("Iterations", "0", "Search__Iterations: The number of NAT iterations must be between 1 and 100, not 0.")]
    [InlineData("AdaptPerIteration", "-1", "Search__AdaptPerIteration: The number of subnets adapted per iteration must be between 0 and 1000, not -1.")]
    [InlineData("Generations", "ten", "Search__Generations must be a whole number, not 'ten'.")]
    [InlineData("generations", "2.5", "Search__Generations must be a whole number, not '2.5'.")]
    [InlineData("MutationEta", "0", "Search__MutationEta: The mutation index must be a finite number above 0, not 0.")]
    public void A_bad_value_is_a_configuration_error_naming_the_setting(string key, string value, string message)
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => Settings(null, ($"Search:{key}", value)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() => Settings(null, ("Search:Population", "3"), ("Search:Iterations", "0")));

        Assert.Equal("Search__Population: The NSGA-III population must be between 4 and 1000, not 3. "
            + "Search__Iterations: The number of NAT iterations must be between 1 and 100, not 0.", error.Message);
    }

    /// <summary>The pipeline's own capabilities unless <paramref name="stages"/> says otherwise.</summary>
    private static SearchSettings Settings(StageCapabilities? stages, params (string Key, string Value)[] values) =>
        StageSettings.Read<SearchSettings>(new SearchStage(), values, services =>
        {
            if (stages is not null)
            {
                services.AddSingleton(stages);
            }
        });
}
