using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NasPipeline.ComputationGraph;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Settings;
using NasPipeline.Latency;
using NasPipeline.Prediction;
using NasPipeline.Prediction.Candidates;
using NasPipeline.Prediction.Defaults;
using NasPipeline.Prediction.Models;
using NasPipeline.Prediction.Planning;
using NasPipeline.Prediction.Refitting;
using NasPipeline.Prediction.Registry;
using NasPipeline.SearchSpaces;
using NasPipeline.TorchHosting;
using NasPipeline.Prediction.Store;

namespace NasPipeline.Stages.Predict;

/// <summary>
/// Scores candidates with each task's predictor (the registered AIO-P GNN, else the default one trained on first use, or
/// the run's online refit) and refits on
/// labels (PseudoLabelReady, SubnetAdapted). The science is in <see cref="PredictHandler"/> (executing <see cref="PredictDecider"/>'s plans); these are the wires.
/// </summary>
public sealed class PredictStage : IPipelineStage
{
    /// <summary>The settings' section (<c>Predict__BatchSize=100</c>); see <see cref="PredictSettings"/>.</summary>
    public const string Section = "Predict";

    public string Name => PredictHandler.StageName;

    /// <summary>How candidates are timed when a run asks for latency (<c>Latency__Threads=1</c>); see <see cref="LatencySettings"/>.</summary>
    public const string LatencySection = "Latency";

    public void AddSettings(IServiceCollection services, IConfiguration configuration)
    {
        TorchDeviceSetting.Apply(configuration);
        services.AddValidatedSettings<PredictSettings, PredictSettingsValidator>(configuration, Section);
        services.AddValidatedSettings<LatencySettings, LatencySettingsValidator>(configuration, LatencySection);
    }

    public IReadOnlyList<Type> StoredDocuments => [typeof(StoredLatency), typeof(TaskPredictorRegistration)];

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(SearchSpaceRegistry.CreateDefault());
        services.AddSingleton<OnnxGraphExtractor>();
        services.AddSingleton<CandidateResolver>();
        services.AddSingleton<PredictorRegistry>();
        services.AddSingleton<DefaultPredictor>();
        services.AddSingleton<StartingPredictors>();
        services.AddSingleton(sp => new ModelCache(sp.GetRequiredService<Contracts.Blobs.IBlobStore>()));
        services.AddSingleton<OnlineRefit>();
        services.AddSingleton<PredictDecider>();
        services.AddSingleton<ILatencyCache, MartenLatencyCache>();
        services.AddSingleton<OnnxLatencyMeter>();
        services.AddSingleton<SubnetLatency>();
        services.AddSingleton<PredictHandler>();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScoreCandidatesConsumer, PredictConsumerDefinition<ScoreCandidatesConsumer>>();
        bus.AddConsumer<SubnetAdaptedConsumer, PredictConsumerDefinition<SubnetAdaptedConsumer>>();
        bus.AddConsumer<PseudoLabelReadyConsumer, PredictConsumerDefinition<PseudoLabelReadyConsumer>>();
    }
}
