using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.Supernet;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Tests.PseudoLabels;

/// <summary>The test supernet sandwich-trained on the quadrant task (as in <c>SupernetTrainerTests</c>, where its largest
/// subnet passes 0.5 top-1) and a shared head trained on its latents: built once for the latent tests.</summary>
public sealed class TrainedQuadrantSupernet
{
    internal static readonly QuadrantTask Quadrant = new();

    public static readonly SharedHeadOptions HeadOptions = new(Steps: 30, BatchSize: 16, LearningRate: 0.05, WeightDecay: 0, PopulationSize: 3, Bins: 1,
        Seed: 4, HeldGenes: [0]);

    public TrainedQuadrantSupernet()
    {
        Torch.Ready();
        Supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        var options = new SupernetTrainingOptions(Epochs: 3, BatchSize: 16, LearningRate: 0.1, WeightDecay: 0, Seed: 2, GradientProjection: true, StepsPerEpoch: 8);
        new SupernetTrainer(Supernet, Quadrant, options).Train(new QuadrantData(256, seed: 2));
        Weights = Snapshot(Supernet.Module);
        Head = SharedHeadTrainer.Train(Supernet, Quadrant, new QuadrantData(256, seed: 5), HeadOptions);
    }

    public ElasticSupernet Supernet { get; }

    /// <summary>The supernet's state right after its training, before the shared head trained on it.</summary>
    public IReadOnlyDictionary<string, Tensor> Weights { get; }

    public nn.Module<Tensor[], Tensor> Head { get; }

    public static Dictionary<string, Tensor> Snapshot(nn.Module module) => module.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

    public static bool Same(Tensor a, Tensor b) => a.equal(b).all().item<bool>();
}

[CollectionDefinition(Name)]
public sealed class TrainedQuadrantCollection : ICollectionFixture<TrainedQuadrantSupernet>
{
    public const string Name = "trained quadrant supernet";
}
