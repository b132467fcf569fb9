using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Hosting;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Stages.Search;

/// <summary>
/// NAT's search loop as a fold of the run's events: consumes GraphExtracted (search-space point submissions),
/// CandidateScored and SubnetAdapted, and decides with <see cref="SearchPolicy"/>. GraphExtract does not yet turn
/// point submissions into graphs, so in a full pipeline run this stage is not reached yet.
/// </summary>
public sealed class SearchStage : IPipelineStage
{
    public string Name => SearchDecisions.StageName;

    public void AddServices(IServiceCollection services) => services
        .AddSingleton(SearchSpaceRegistry.CreateDefault())
        .AddSingleton(new SearchSettings())
        .AddSingleton<SearchPolicy>()
        .AddSingleton<SearchDecisions>();

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<GraphExtractedConsumer, SearchConsumerDefinition<GraphExtractedConsumer>>();
        bus.AddConsumer<CandidateScoredConsumer, SearchConsumerDefinition<CandidateScoredConsumer>>();
        bus.AddConsumer<SubnetAdaptedConsumer, SearchConsumerDefinition<SubnetAdaptedConsumer>>();
    }
}
