using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.Adaptation.PseudoLabels.Networks;
using NasPipeline.OnnxNetworks;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Tests.Shared.Fixtures;
using NasPipeline.Vision.Backbones;
using static NasPipeline.Adaptation.Tests.PseudoLabels.TrainedQuadrantSupernet;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Tests.PseudoLabels;

/// <summary>A submitted network's pseudo-label: its own weights, read by the shared head through a learned projection, its
/// stem and first stage kept as they were; the same label for the same seed, and the model and the head left alone.</summary>
[Collection(TrainedQuadrantCollection.Name)]
public sealed class NetworkPseudoLabelerTests(TrainedQuadrantSupernet trained)
{
    private static readonly byte[] SmallCnn = File.ReadAllBytes(Path.Combine(OnnxFixtureFolder.Find(), "small_cnn_28.onnx"));
    private static readonly long[] Declared = [1, 1, 28, 28];
    private static readonly PseudoLabelOptions Options = new(Steps: 8, BatchSize: 16, LearningRate: 0.01, WeightDecay: 0, Seed: 3);

    [Fact]
    public void Each_head_level_reads_the_network_level_of_the_nearest_stride_the_finer_on_a_tie()
    {
        var network = new FeatureSpec([new FeatureLevel(8, 2), new FeatureLevel(16, 8), new FeatureLevel(32, 32)]);

        // log2 distances: stride 4 is 1 from 2 and 1 from 8 (a tie: the finer), 16 is 1 from 8 and 1 from 32, 64 is 1 from 32.
        Assert.Equal(0, FeatureProjection.NearestLevel(network, 1));
        Assert.Equal(0, FeatureProjection.NearestLevel(network, 4));
        Assert.Equal(1, FeatureProjection.NearestLevel(network, 8));
        Assert.Equal(1, FeatureProjection.NearestLevel(network, 16));
        Assert.Equal(2, FeatureProjection.NearestLevel(network, 64));
        // 5 is log2 1.32 from 2 and 0.68 from 8.
        Assert.Equal(1, FeatureProjection.NearestLevel(network, 5));
    }

    [Fact]
    public void The_projection_gives_each_head_level_its_channels_and_grid_and_resizes_only_when_the_grid_differs()
    {
        using var scope = NewDisposeScope();
        var network = new FeatureSpec([new FeatureLevel(8, 2), new FeatureLevel(16, 4)]);
        var head = new FeatureSpec([new FeatureLevel(5, 4), new FeatureLevel(6, 8)]);
        using var projection = new FeatureProjection(network, head, [[7, 7], [4, 4]], seed: 1);
        var features = new[] { randn(2, 8, 14, 14), randn(2, 16, 7, 7) };

        var projected = projection.call(features);

        Assert.Equal([1, 1], projection.Sources);
        Assert.Equal([2L, 5, 7, 7], projected[0].shape);
        Assert.Equal([2L, 6, 4, 4], projected[1].shape);
        // Level 0's grid is the tap's: the 1x1 convolution alone, which a hand-made matrix product reproduces.
        var conv = projection.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var weight = conv["convolutions.0.weight"].reshape(5, 16);
        var expected = einsum("oc,nchw->nohw", weight, features[1]).add(conv["convolutions.0.bias"].reshape(1, 5, 1, 1));
        Assert.True(projected[0].allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void The_fine_tune_keeps_everything_the_finest_level_is_computed_from_and_trains_the_rest()
    {
        var data = new QuadrantData(128, seed: 8);
        var grids = NetworkPseudoLabeler.GridsOf(trained.Supernet, data);
        using var reference = OnnxNetwork.Load(SmallCnn, new OnnxNetworkOptions(SeedForMissingWeights: Options.Seed));
        var before = reference.named_parameters().ToDictionary(p => $"network.{p.name}", p => p.parameter.detach().clone());

        using var tuned = NetworkPseudoLabeler.FineTune(SmallCnn, Declared, trained.Head, trained.Supernet.Features, grids, Quadrant, data, Options);

        var after = tuned.Body.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.NotEmpty(tuned.Frozen);
        Assert.All(tuned.Frozen, name => Assert.True(Same(before[name], after[name]), name));
        var trainedWeights = before.Keys.Where(n => !tuned.Frozen.Contains(n)).ToList();
        Assert.NotEmpty(trainedWeights);
        Assert.Contains(trainedWeights, n => !Same(before[n], after[n]));
        Assert.Contains(after.Keys, n => n.StartsWith("projection.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_label_is_a_metric_the_same_for_the_same_seed_and_leaves_the_model_and_the_shared_head_alone()
    {
        var head = Snapshot(trained.Head);
        var bytes = SmallCnn.ToArray();
        var train = new QuadrantData(128, seed: 8);
        var validation = new QuadrantData(64, seed: 9);
        var grids = NetworkPseudoLabeler.GridsOf(trained.Supernet, train);

        var first = NetworkPseudoLabeler.Label(bytes, Declared, trained.Head, trained.Supernet.Features, grids, Quadrant, train, validation, Options);
        var second = NetworkPseudoLabeler.Label(bytes, Declared, trained.Head, trained.Supernet.Features, grids, Quadrant, train, validation, Options);

        Assert.InRange(first.Value, 0.0, 1.0);
        Assert.Equal(first.Value, second.Value);
        Assert.True(first.Seconds > 0);
        Assert.Equal(SmallCnn, bytes);
        Assert.All(trained.Head.state_dict(), p => Assert.True(Same(p.Value, head[p.Key]), p.Key));
    }
}
