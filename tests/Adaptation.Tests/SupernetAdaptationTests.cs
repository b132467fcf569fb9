using NasPipeline.Adaptation.Nat;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Tasks;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Tests;

public sealed class SupernetAdaptationTests
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");
    private static readonly QuadrantTask Task = new();
    private static readonly AdaptationSchedule Schedule = new(TotalSteps: 6, BatchSize: 8, LearningRate: 1e-3, WeightDecay: 1e-4, Seed: 11);

    public SupernetAdaptationTests() => TorchEnvironment.EnsureAvailable();

    [Fact]
    public void Training_in_two_chunks_through_a_stored_state_gives_the_same_weights_as_training_straight_through()
    {
        var data = Task.Prepare(new ImageSet([], [], 64, 28, 28), seed: 3);
        var distribution = ArchiveDistribution.Of(Space, [Space.Smallest, Space.Largest]);

        var (straight, straightHead) = Fresh();
        using (var adaptation = new SupernetAdaptation(straight, straightHead, Task, distribution, Schedule))
        {
            adaptation.Train(data, 0, 6);
        }

        var (first, firstHead) = Fresh();
        byte[] state;
        using (var adaptation = new SupernetAdaptation(first, firstHead, Task, distribution, Schedule))
        {
            adaptation.Train(data, 0, 3);
            state = new AdaptationCheckpoint(SupernetCheckpoint.Save(first, firstHead), adaptation.SaveOptimizer()).ToBytes();
        }

        var (resumed, resumedHead) = Fresh(seed: 99);
        Assert.True(AdaptationCheckpoint.TryRead(state, out var stored));
        SupernetCheckpoint.Load(stored.Supernet).Restore(resumed, resumedHead);
        using (var adaptation = new SupernetAdaptation(resumed, resumedHead, Task, distribution, Schedule))
        {
            adaptation.RestoreOptimizer(stored.Optimizer);
            adaptation.Train(data, 3, 6);
        }

        var expected = Weights(straight, straightHead);
        var actual = Weights(resumed, resumedHead);
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second));
        Assert.NotEqual(Weights(Fresh().Supernet, Fresh().Head)[0], expected[0]);
    }

    [Fact]
    public void Every_step_trains_a_subnet_of_the_archive_distribution_whatever_chunk_it_falls_in()
    {
        var a = Space.Smallest.ToArray();
        var b = Space.Largest.ToArray();
        var (supernet, head) = Fresh();
        using var adaptation = new SupernetAdaptation(supernet, head, Task, ArchiveDistribution.Of(Space, [a, b]), Schedule);

        var subnets = Enumerable.Range(0, 50).Select(adaptation.SubnetAt).ToList();

        Assert.Equal(subnets, Enumerable.Range(0, 50).Select(adaptation.SubnetAt).ToList());
        Assert.All(subnets, s => Assert.Equal(Space.Repair(s), s));
        Assert.True(subnets.Distinct(new SequenceComparer()).Count() > 2, "a mix of two parents' genes gives more than the two parents");
    }

    [Fact]
    public void A_plain_supernet_checkpoint_is_not_read_as_an_adaptation_state()
    {
        var (supernet, head) = Fresh();

        Assert.False(AdaptationCheckpoint.TryRead(SupernetCheckpoint.Save(supernet, head), out _));
        Assert.False(AdaptationCheckpoint.TryRead([1, 2, 3], out _));
    }

    private static (ElasticSupernet Supernet, nn.Module<Tensor[], Tensor> Head) Fresh(ulong seed = 5)
    {
        var supernet = SupernetDesigns.Create(Space, seed);
        manual_seed((long)seed);
        return (supernet, Task.CreateHead(supernet.Features));
    }

    private static List<float[]> Weights(ISupernet supernet, nn.Module head) =>
        [.. supernet.Module.parameters().Concat(head.parameters()).Select(p => p.detach().contiguous().data<float>().ToArray())];

    private sealed class SequenceComparer : IEqualityComparer<IReadOnlyList<int>>
    {
        public bool Equals(IReadOnlyList<int>? x, IReadOnlyList<int>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(IReadOnlyList<int> obj) => obj.Aggregate(17, (h, v) => (h * 31) + v);
    }
}
