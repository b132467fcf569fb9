using NasPipeline.Supernet.Latents;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Latents;

/// <summary>A shared head trained on latents of a trained supernet classifies from the population's mean features,
/// leaves the supernet untouched, and is the same head for the same seed.</summary>
public sealed class SharedHeadTrainerTests
{
    private static readonly QuadrantTask Task = new();
    private static readonly SharedHeadOptions Options = new(Steps: 30, BatchSize: 16, LearningRate: 0.05, WeightDecay: 0, PopulationSize: 3, Bins: 1, Seed: 4, HeldGenes: [0]);

    [Fact]
    public void A_head_trained_on_latents_classifies_from_the_populations_mean_features_and_the_supernet_is_untouched()
    {
        var supernet = TrainedSupernet();
        var before = supernet.Module.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        var head = SharedHeadTrainer.Train(supernet, Task, new QuadrantData(256, seed: 5), Options);

        Assert.All(supernet.Module.state_dict(), p => Assert.True(p.Value.equal(before[p.Key]).all().item<bool>(), p.Key));
        using var scope = NewDisposeScope();
        var test = new QuadrantData(128, seed: 6);
        using var batch = test.Batch(Enumerable.Range(0, 128).ToList());
        var population = new LatentPopulation(TinyHybrid.Space, size: 3, bins: 1, seed: 7, heldGenes: [0]);
        var levels = LatentStatistics.Of(supernet, population.Members, batch.Inputs);
        using var _ = no_grad();
        var metric = Task.CreateMetric();
        metric.Add(head.call(levels.Select(l => l.Mean).ToArray()), batch);
        Assert.True(metric.Value > 0.8, $"shared head top-1 {metric.Value} on 4 classes");
    }

    [Fact]
    public void The_same_seed_trains_the_same_head()
    {
        var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        var data = new QuadrantData(64, seed: 1);
        var options = Options with { Steps = 5 };

        var first = SharedHeadTrainer.Train(supernet, Task, data, options).state_dict();
        var second = SharedHeadTrainer.Train(supernet, Task, data, options).state_dict();

        Assert.All(first, p => Assert.True(p.Value.equal(second[p.Key]).all().item<bool>(), p.Key));
        var other = SharedHeadTrainer.Train(supernet, Task, data, options with { Seed = 5 }).state_dict();
        Assert.Contains(first, p => !p.Value.equal(other[p.Key]).all().item<bool>());
    }

    /// <summary>The supernet of <c>SupernetTrainerTests</c>' sandwich run, which reaches over 0.5 top-1 on its largest subnet.</summary>
    private static ElasticSupernet TrainedSupernet()
    {
        Torch.Ready();
        var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        var options = new SupernetTrainingOptions(Epochs: 3, BatchSize: 16, LearningRate: 0.1, WeightDecay: 0, Seed: 2, GradientProjection: true, StepsPerEpoch: 8);
        new SupernetTrainer(supernet, Task, options).Train(new QuadrantData(256, seed: 2));
        return supernet;
    }
}
