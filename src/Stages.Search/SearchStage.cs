using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Hosting;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Stages.Search;

/// <summary>
/// The search as a fold of the run's events: consumes GraphExtracted, CandidateScored and SubnetAdapted, and decides
/// with <see cref="NatSearchDecider"/> (NAT's loop, for search-space points) or <see cref="MutationSearchDecider"/> (AIO-P's
/// mutation search, for submitted ONNX networks) under the configured budget (<see cref="SearchConfiguration"/>) or
/// the submission's own.
/// </summary>
public sealed class SearchStage : IPipelineStage
{
    public string Name => SearchHandler.StageName;

    private SearchSettings _settings = new();

    public void Configure(IConfiguration configuration) => _settings = SearchConfiguration.Read(configuration);

    public void AddServices(IServiceCollection services) => services
        .AddSingleton(SearchSpaceRegistry.CreateDefault())
        .AddSingleton(_settings)
        .AddSingleton<NatSearchDecider>()
        .AddSingleton(services => new MutationSearchDecider(services.GetRequiredService<SearchSettings>()))
        .AddSingleton<SearchHandler>();

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<GraphExtractedConsumer, SearchConsumerDefinition<GraphExtractedConsumer>>();
        bus.AddConsumer<CandidateScoredConsumer, SearchConsumerDefinition<CandidateScoredConsumer>>();
        bus.AddConsumer<SubnetAdaptedConsumer, SearchConsumerDefinition<SubnetAdaptedConsumer>>();
    }
}
