using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.Supernet.Tests.Fixtures;
using static NasPipeline.Adaptation.Tests.PseudoLabels.TrainedQuadrantSupernet;

namespace NasPipeline.Adaptation.Tests.PseudoLabels;

/// <summary>A pseudo-label's brief fine-tune leaves the stem and first stage as inherited and trains the rest; the
/// supernet and the shared head stay as they were; the label is the same for the same seed.</summary>
[Collection(TrainedQuadrantCollection.Name)]
public sealed class PseudoLabelerTests(TrainedQuadrantSupernet trained)
{
    private static readonly PseudoLabelOptions Options = new(Steps: 8, BatchSize: 16, LearningRate: 0.01, WeightDecay: 0, Seed: 3);

    [Fact]
    public void The_fine_tune_freezes_the_stem_and_first_stage_and_trains_the_rest()
    {
        var point = TinyHybrid.Space.Sample(new Random(2));
        var body = trained.Supernet.Extract(point);
        var head = Quadrant.CreateHead(body.Features);
        head.load_state_dict(trained.Head.state_dict());
        var before = Snapshot(body.Module);

        PseudoLabeler.FineTune(body, head, Quadrant, new QuadrantData(128, seed: 8), Options);

        var after = body.Module.state_dict();
        var frozen = before.Keys.Where(PseudoLabeler.IsFrozen).ToList();
        Assert.Contains(frozen, k => k.StartsWith("stages.0.", StringComparison.Ordinal));
        Assert.Contains(frozen, k => k.StartsWith("stem", StringComparison.Ordinal));
        Assert.All(frozen, k => Assert.True(Same(before[k], after[k]), k));
        // The later stages' weights train (the quadrant head reads the last level only, so level 0's projection gets no gradient).
        var trainedWeights = before.Keys.Where(k => k.StartsWith("stages.", StringComparison.Ordinal) && !PseudoLabeler.IsFrozen(k) && k.EndsWith("weight", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(trainedWeights);
        Assert.All(trainedWeights, k => Assert.False(Same(before[k], after[k]), k));
        Assert.Contains(trained.Head.state_dict(), p => !Same(p.Value, head.state_dict()[p.Key]));
    }

    [Fact]
    public void A_label_is_a_metric_the_same_for_the_same_seed_and_leaves_supernet_and_shared_head_alone()
    {
        var head = Snapshot(trained.Head);
        var train = new QuadrantData(128, seed: 8);
        var validation = new QuadrantData(64, seed: 9);

        var first = PseudoLabeler.Label(trained.Supernet, TinyHybrid.Space.Largest, trained.Head, Quadrant, train, validation, Options);
        var second = PseudoLabeler.Label(trained.Supernet, TinyHybrid.Space.Largest, trained.Head, Quadrant, train, validation, Options);

        Assert.InRange(first.Value, 0.0, 1.0);
        Assert.Equal(first.Value, second.Value);
        Assert.True(first.Seconds > 0);
        Assert.All(trained.Supernet.Module.state_dict(), p => Assert.True(Same(p.Value, trained.Weights[p.Key]), p.Key));
        Assert.All(trained.Head.state_dict(), p => Assert.True(Same(p.Value, head[p.Key]), p.Key));
    }
}
