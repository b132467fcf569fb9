using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Settings;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.SubmissionChecks;

namespace NasPipeline.Stages.Search;

/// <summary>
/// The search as a fold of the run's events: consumes GraphExtracted, CandidateScored, SubnetAdapted, PseudoLabelReady and
/// ArchitectureDerived, and decides with <see cref="NatSearchDecider"/> (NAT's loop, for search-space points),
/// <see cref="MutationSearchDecider"/> (AIO-P's mutation search, for submitted ONNX networks) or
/// <see cref="FnaSearchDecider"/> (FNA, for a submitted chain network with <c>--fna</c>) under the configured budget or
/// the submission's own.
/// </summary>
public sealed class SearchStage : IPipelineStage
{
    /// <summary>The configured budget's section (<c>Search__Population</c>, <c>Search__Generations</c>,
    /// <c>Search__Iterations</c>, <c>Search__AdaptPerIteration</c>, <c>Search__InitialSamples</c>,
    /// <c>Search__MutationEta</c>, <c>Search__PseudoLabels</c>); a key left out keeps
    /// its <see cref="SearchSettings"/> default.</summary>
    public const string Section = "Search";

    public string Name => SearchHandler.StageName;

    public void AddSettings(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(StageCapabilities.Current);
        services.AddValidatedSettings<SearchSettings, SearchSettingsValidator>(configuration, Section);
    }

    public void AddServices(IServiceCollection services) => services
        .AddSingleton(SearchSpaceRegistry.CreateDefault())
        .AddSingleton<NatSearchDecider>()
        .AddSingleton<FnaSearchDecider>()
        .AddSingleton(services => new MutationSearchDecider(services.GetRequiredService<SearchSettings>()))
        .AddSingleton<SearchHandler>();

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<GraphExtractedConsumer, SearchConsumerDefinition<GraphExtractedConsumer>>();
        bus.AddConsumer<CandidateScoredConsumer, SearchConsumerDefinition<CandidateScoredConsumer>>();
        bus.AddConsumer<SubnetAdaptedConsumer, SearchConsumerDefinition<SubnetAdaptedConsumer>>();
        bus.AddConsumer<PseudoLabelReadyConsumer, SearchConsumerDefinition<PseudoLabelReadyConsumer>>();
        bus.AddConsumer<ArchitectureDerivedConsumer, SearchConsumerDefinition<ArchitectureDerivedConsumer>>();
    }
}
