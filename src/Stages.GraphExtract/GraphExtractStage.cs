using Marten;
using MassTransit;
using NasPipeline.ComputationGraph;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Hosting;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Stages.GraphExtract;

public sealed class GraphExtractStage : IPipelineStage
{
    public string Name => GraphExtractHandler.StageName;

    public void AddServices(IServiceCollection services) => services
        .AddSingleton<OnnxGraphExtractor>()
        .AddSingleton(SearchSpaceRegistry.CreateDefault())
        .AddSingleton(sp => PipelineSubmissionCheck.Create(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<SearchSpaceRegistry>()))
        .AddSingleton<GraphExtractHandler>();

    public void AddConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<ModelSubmittedConsumer, ModelSubmittedConsumerDefinition>();
}
