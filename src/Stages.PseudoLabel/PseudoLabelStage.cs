using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.Adaptation.PseudoLabels.Planning;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Settings;
using NasPipeline.SearchSpaces;
using NasPipeline.SupernetHosting;
using NasPipeline.SupernetHosting.Tasks;
using NasPipeline.TorchHosting;

namespace NasPipeline.Stages.PseudoLabel;

/// <summary>
/// AIO-P's pseudo-labels: consumes <c>PseudoLabelRequested</c> (one network per message), trains each task's shared head
/// once per run on latents sampled across the space's supernet (<c>SharedHeadTrained</c>, the head a blob), and labels
/// each network with a brief fine-tune from that head (<c>PseudoLabelReady</c>, which the Predict stage refits the
/// task's predictor on). The work is in <see cref="PseudoLabelHandler"/> and the plain classes it calls; these are the wires.
/// </summary>
public sealed class PseudoLabelStage : IPipelineStage
{
    /// <summary>The settings' section (<c>PseudoLabel__HeadSteps=200</c>); see <see cref="PseudoLabelSettings"/>.</summary>
    public const string Section = "PseudoLabel";

    public string Name => PseudoLabelHandler.StageName;

    public void AddSettings(IServiceCollection services, IConfiguration configuration)
    {
        TorchDeviceSetting.Apply(configuration);
        services.AddValidatedSettings<PseudoLabelSettings, PseudoLabelSettingsValidator>(configuration, Section).Services.AddVisionTasks(configuration);
    }

    public IReadOnlyList<Type> StoredDocuments => [typeof(StoredSupernet)];

    public void AddServices(IServiceCollection services) => services
        .AddSingleton(TimeProvider.System)
        .AddSingleton(SearchSpaceRegistry.CreateDefault())
        .AddSingleton<PseudoLabelDecider>()
        .AddSingleton<TaskDataCache>()
        .AddSingleton<DefaultSupernets>()
        .AddSingleton<SharedHeads>()
        .AddSingleton<PseudoLabelHandler>();

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<PseudoLabelRequestedConsumer, PseudoLabelConsumerDefinition<PseudoLabelRequestedConsumer>>();
        bus.AddConsumer<SharedHeadTrainedConsumer, PseudoLabelConsumerDefinition<SharedHeadTrainedConsumer>>();
        bus.AddConsumer<LabelledConsumer, PseudoLabelConsumerDefinition<LabelledConsumer>>();
    }
}
