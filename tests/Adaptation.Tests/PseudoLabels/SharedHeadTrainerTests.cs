using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.Supernet;
using NasPipeline.Supernet.Tests.Fixtures;
using static NasPipeline.Adaptation.Tests.PseudoLabels.TrainedQuadrantSupernet;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Tests.PseudoLabels;

/// <summary>A shared head trained on latents of a trained supernet classifies from the population's mean features,
/// leaves the supernet untouched, and is the same head for the same seed.</summary>
[Collection(TrainedQuadrantCollection.Name)]
public sealed class SharedHeadTrainerTests(TrainedQuadrantSupernet trained)
{
    [Fact]
    public void A_head_trained_on_latents_classifies_from_the_populations_mean_features_and_the_supernet_is_untouched()
    {
        Assert.All(trained.Supernet.Module.state_dict(), p => Assert.True(Same(p.Value, trained.Weights[p.Key]), p.Key));
        using var scope = NewDisposeScope();
        var test = new QuadrantData(128, seed: 6);
        using var batch = test.Batch(Enumerable.Range(0, 128).ToList());
        var population = new LatentPopulation(TinyHybrid.Space, size: 3, bins: 1, seed: 7, heldGenes: [0]);
        var levels = LatentStatistics.Of(trained.Supernet, population.Members, batch.Inputs);
        using var _ = no_grad();
        var metric = Quadrant.CreateMetric();
        metric.Add(trained.Head.call(levels.Select(l => l.Mean).ToArray()), batch);
        Assert.True(metric.Value > 0.8, $"shared head top-1 {metric.Value} on 4 classes");
    }

    [Fact]
    public void The_same_seed_trains_the_same_head()
    {
        var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        var data = new QuadrantData(64, seed: 1);
        var options = HeadOptions with { Steps = 5 };

        var first = SharedHeadTrainer.Train(supernet, Quadrant, data, options).state_dict();
        var second = SharedHeadTrainer.Train(supernet, Quadrant, data, options).state_dict();

        Assert.All(first, p => Assert.True(Same(p.Value, second[p.Key]), p.Key));
        var other = SharedHeadTrainer.Train(supernet, Quadrant, data, options with { Seed = 5 }).state_dict();
        Assert.Contains(first, p => !Same(p.Value, other[p.Key]));
    }
}
