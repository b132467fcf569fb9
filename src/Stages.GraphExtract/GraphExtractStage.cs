using Marten;
using MassTransit;
using NasPipeline.ComputationGraph;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Hosting;
using NasPipeline.SearchSpaces;
using NasPipeline.SupernetHosting.Tasks;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Stages.GraphExtract;

public sealed class GraphExtractStage : IPipelineStage
{
    public string Name => GraphExtractHandler.StageName;

    /// <summary>No settings of its own; the tasks a submission may name include those of <c>Tasks__Plugins</c>.</summary>
    public void AddSettings(IServiceCollection services, IConfiguration configuration) => services.AddVisionTasks(configuration);

    public void AddServices(IServiceCollection services) => services
        .AddSingleton<OnnxGraphExtractor>()
        .AddSingleton(SearchSpaceRegistry.CreateDefault())
        .AddSingleton(sp => PipelineSubmissionCheck.Create(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<TaskRegistry>(),
            sp.GetRequiredService<SearchSpaceRegistry>()))
        .AddSingleton<GraphExtractHandler>();

    public void AddConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<ModelSubmittedConsumer, ModelSubmittedConsumerDefinition>();
}
