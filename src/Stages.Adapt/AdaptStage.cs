using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Adaptation.Planning;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Settings;
using NasPipeline.SearchSpaces;
using NasPipeline.SupernetHosting;
using NasPipeline.SupernetHosting.Tasks;
using NasPipeline.TorchHosting;

namespace NasPipeline.Stages.Adapt;

/// <summary>
/// NAT's supernet adaptation: consumes <c>AdaptSubnet</c>, fine-tunes the run's supernet on subnets drawn from the
/// archive's distribution (in resumable chunks), stores each new version and measures the requested subnets with it
/// (<c>SubnetAdapted</c>); for an ONNX model (a submitted network, or the one the mutation search kept) it fine-tunes the
/// network from its own weights on each task of the request, in resumable chunks, and measures it. It consumes
/// <c>AdaptArchitecture</c> too: FNA's architecture adaptation of a submitted chain network, in resumable chunks, ending
/// in the derived network with the seed's parameters remapped into it (<c>ArchitectureDerived</c>). The work is in <see cref="AdaptHandler"/> and the plain libraries it calls; these are the wires.
/// </summary>
public sealed class AdaptStage : IPipelineStage
{
    /// <summary>The settings' section (<c>Adapt__Epochs=2</c>); see <see cref="AdaptSettings"/>.</summary>
    public const string Section = "Adapt";

    public string Name => AdaptHandler.StageName;

    public void AddSettings(IServiceCollection services, IConfiguration configuration)
    {
        TorchDeviceSetting.Apply(configuration);
        services.AddValidatedSettings<AdaptSettings, AdaptSettingsValidator>(configuration, Section).Services.AddVisionTasks(configuration);
    }

    public IReadOnlyList<Type> StoredDocuments => [typeof(StoredSupernet)];

    public void AddServices(IServiceCollection services) => services
        .AddSingleton(TimeProvider.System)
        .AddSingleton(SearchSpaceRegistry.CreateDefault())
        .AddSingleton<AdaptDecider>()
        .AddSingleton<TaskDataCache>()
        .AddSingleton<DefaultSupernets>()
        .AddSingleton<NetworkFineTunes>()
        .AddSingleton<ArchitectureAdaptations>()
        .AddSingleton<AdaptHandler>();

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AdaptSubnetConsumer, AdaptConsumerDefinition<AdaptSubnetConsumer>>();
        bus.AddConsumer<AdaptationStartedConsumer, AdaptConsumerDefinition<AdaptationStartedConsumer>>();
        bus.AddConsumer<ChunkTrainedConsumer, AdaptConsumerDefinition<ChunkTrainedConsumer>>();
        bus.AddConsumer<MeasuredConsumer, AdaptConsumerDefinition<MeasuredConsumer>>();
        bus.AddConsumer<FineTuneStartedConsumer, AdaptConsumerDefinition<FineTuneStartedConsumer>>();
        bus.AddConsumer<FineTuneChunkTrainedConsumer, AdaptConsumerDefinition<FineTuneChunkTrainedConsumer>>();
        bus.AddConsumer<AdaptArchitectureConsumer, AdaptConsumerDefinition<AdaptArchitectureConsumer>>();
        bus.AddConsumer<ArchitectureStartedConsumer, AdaptConsumerDefinition<ArchitectureStartedConsumer>>();
        bus.AddConsumer<ArchitectureChunkTrainedConsumer, AdaptConsumerDefinition<ArchitectureChunkTrainedConsumer>>();
    }
}
