using System.Globalization;
using Microsoft.Extensions.Configuration;
using NasPipeline.Contracts.Validation;
using NasPipeline.Hosting;
using NasPipeline.Search.Loop;
using NasPipeline.SubmissionChecks;

namespace NasPipeline.Stages.Search;

/// <summary>
/// The Search stage's budget from configuration, section <c>Search</c> (environment: <c>Search__Population</c>,
/// <c>Search__Generations</c>, <c>Search__Iterations</c>, <c>Search__AdaptPerIteration</c>, <c>Search__InitialSamples</c>);
/// a key left out keeps its default. Checked with the same bounds as a submission's budget, and refused like a submission
/// when it asks for adaptation and the pipeline has no Adapt stage (<see cref="StageCapabilities"/>).
/// </summary>
public static class SearchConfiguration
{
    public const string Section = "Search";

    public static SearchSettings Read(IConfiguration configuration, StageCapabilities? stages = null)
    {
        var section = configuration.GetSection(Section);
        var defaults = new SearchSettings();
        var settings = new SearchSettings(
            Whole(section, nameof(SearchSettings.Population), defaults.Population),
            Whole(section, nameof(SearchSettings.Generations), defaults.Generations),
            Whole(section, nameof(SearchSettings.Iterations), defaults.Iterations),
            Whole(section, nameof(SearchSettings.AdaptPerIteration), defaults.AdaptPerIteration),
            Whole(section, nameof(SearchSettings.InitialSamples), defaults.InitialSamples));
        var result = new SearchBudgetValidator().Validate(settings.ToBudget());
        if (!result.IsValid)
        {
            throw new PipelineConfigurationException(string.Join(" ", result.Errors.Select(e => $"{Variable(e.PropertyName)}: {e.ErrorMessage}")));
        }

        var adapt = Variable(nameof(SearchSettings.AdaptPerIteration));
        return settings.AdaptPerIteration > 0 && !(stages ?? StageCapabilities.Current).Adapt
            ? throw new PipelineConfigurationException($"{adapt} is {settings.AdaptPerIteration}: {StageCapabilities.AdaptUnavailable}; set {adapt}=0.")
            : settings;
    }

    private static int Whole(IConfigurationSection section, string key, int fallback) => section[key] switch
    {
        null or "" => fallback,
        var text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) => value,
        var text => throw new PipelineConfigurationException($"{Variable(key)} must be a whole number, not '{text}'."),
    };

    private static string Variable(string key) => $"{Section}__{key}";
}
