using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using TorchSharp;
using static NasPipeline.Supernet.Tests.Fixtures.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Network;

public sealed class ElasticSupernetTests
{
    private static ElasticSupernet Create() => new(TinyHybrid.Space, new TinyHybrid(), seed: 3);

    private static List<Tensor> Batches(Generator generator, int count = 3) =>
        Enumerable.Range(0, count).Select(_ => rand([8, 1, 28, 28], generator: generator)).ToList();

    [Fact]
    public void Feature_levels_keep_their_widths_for_every_subnet()
    {
        using var scope = NewDisposeScope();
        var supernet = Create();
        Assert.Equal([new(8, 2), new(16, 8)], supernet.Features.Levels);
        var generator = Seeded();
        var images = rand([2, 1, 28, 28], generator: generator);
        supernet.Module.eval();
        foreach (var encoding in new[] { TinyHybrid.Space.Largest, TinyHybrid.Space.Smallest, TinyHybrid.Space.Sample(new Random(1)) })
        {
            supernet.Activate(encoding);
            var features = supernet.Forward(images);
            Assert.Equal(2, features.Length);
            Assert.Equal(8, features[0].shape[1]);
            Assert.Equal(16, features[1].shape[1]);
        }

        supernet.Activate(TinyHybrid.Space.Largest);
        var largest = supernet.Forward(images);
        Assert.Equal([2L, 8L, 14L, 14L], largest[0].shape);
        Assert.Equal([2L, 16L, 4L, 4L], largest[1].shape);
    }

    [Fact]
    public void Extracted_subnet_computes_what_the_active_supernet_computes()
    {
        using var scope = NewDisposeScope();
        var supernet = Create();
        var generator = Seeded();
        var images = rand([4, 1, 28, 28], generator: generator);
        var random = new Random(5);
        var encodings = new[] { TinyHybrid.Space.Largest, TinyHybrid.Space.Smallest }.Concat(Enumerable.Range(0, 4).Select(_ => TinyHybrid.Space.Sample(random)));
        foreach (var encoding in encodings)
        {
            supernet.Activate(encoding);
            BatchNormRecalibration.Recalibrate(supernet, Batches(generator, 2));
            supernet.Module.eval();
            var expected = supernet.Forward(images);

            var subnet = supernet.Extract(encoding);
            var actual = subnet.Forward(images);
            Assert.Equal(expected.Length, actual.Length);
            for (var level = 0; level < expected.Length; level++)
            {
                Assert.Equal(expected[level].shape, actual[level].shape);
                Assert.True(MaxAbsDifference(expected[level], actual[level]) < 1e-5, $"{string.Join(",", encoding)} level {level}");
            }

            Assert.True(subnet.Module.parameters().Sum(p => p.numel()) <= supernet.Module.parameters().Sum(p => p.numel()));
        }
    }

    [Fact]
    public void Extracted_subnet_of_a_supernet_with_kernel_transforms_computes_what_the_active_supernet_computes()
    {
        using var scope = NewDisposeScope();
        var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 3, kernelTransforms: true);
        var generator = Seeded();
        using (no_grad())
        {
            foreach (var (name, parameter) in supernet.Module.named_parameters().Where(p => p.name.Contains(".transform", StringComparison.Ordinal)))
            {
                parameter.add_(randn(parameter.shape, generator: generator).mul_(0.1));
            }
        }

        var images = rand([4, 1, 28, 28], generator: generator);
        var random = new Random(6);
        foreach (var encoding in new[] { TinyHybrid.Space.Smallest }.Concat(Enumerable.Range(0, 4).Select(_ => TinyHybrid.Space.Sample(random))))
        {
            supernet.Activate(encoding);
            BatchNormRecalibration.Recalibrate(supernet, Batches(generator, 2));
            supernet.Module.eval();
            var expected = supernet.Forward(images);

            var actual = supernet.Extract(encoding).Forward(images);
            for (var level = 0; level < expected.Length; level++)
            {
                Assert.True(MaxAbsDifference(expected[level], actual[level]) < 1e-5, $"{string.Join(",", encoding)} level {level}");
            }
        }
    }

    [Fact]
    public void Extracted_smallest_subnet_holds_fewer_parameters_than_the_largest()
    {
        using var scope = NewDisposeScope();
        var supernet = Create();
        // Switchable scales exist once per configuration in the supernet and once in a subnet, so they are left out.
        static long Count(TorchSharp.torch.nn.Module m) => m.named_parameters().Where(p => !p.name.Contains("scale_", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        var largest = Count(supernet.Extract(TinyHybrid.Space.Largest).Module);
        Assert.True(Count(supernet.Extract(TinyHybrid.Space.Smallest).Module) < largest / 3);
        Assert.Equal(Count(supernet.Module), largest);
    }

    [Fact]
    public void Recalibration_resets_and_averages_and_matches_between_supernet_and_subnet()
    {
        using var scope = NewDisposeScope();
        var supernet = Create();
        var generator = Seeded();
        var batches = Batches(generator);
        var encoding = TinyHybrid.Space.Sample(new Random(11));
        supernet.Activate(encoding);
        var subnet = supernet.Extract(encoding);

        supernet.Module.train();
        using (no_grad())
        {
            supernet.Forward(rand([8, 1, 28, 28], generator: generator).mul(5)); // stale statistics to be forgotten
        }

        BatchNormRecalibration.Recalibrate(supernet, batches);
        BatchNormRecalibration.Recalibrate(subnet, batches);
        Assert.True(supernet.Module.training);
        Assert.False(subnet.Module.training);
        Assert.All(supernet.Module.modules().OfType<ElasticBatchNorm2d>(), n => Assert.Equal(0.1, n.Momentum));

        // The stem's statistics are the plain average over the batches of its conv's per-batch channel means.
        var stem = (ElasticConv2d)supernet.Module.named_modules().Single(m => m.name == "stem").module;
        var side = supernet.Network.Active!.Resolution;
        Tensor Resized(Tensor b) => side == 28 ? b : nn.functional.interpolate(b, [side, side], mode: InterpolationMode.Bilinear);
        var expectedMean = stack(batches.Select(b => stem.forward(Resized(b)).mean([0, 2, 3]).detach()).ToArray()).mean([0]);
        var stemMean = Buffer(supernet.Module, "stem_bn.running_mean").narrow(0, 0, expectedMean.shape[0]);

        Assert.True(MaxAbsDifference(expectedMean, stemMean) < 1e-5);

        supernet.Module.eval();
        var images = rand([2, 1, 28, 28], generator: generator);
        var expected = supernet.Forward(images);
        var actual = subnet.Forward(images);
        for (var level = 0; level < expected.Length; level++)
        {
            Assert.True(MaxAbsDifference(expected[level], actual[level]) < 1e-5);
        }
    }

    [Fact]
    public void Switchable_scaling_is_a_supernet_option()
    {
        Torch.Ready();
        static int Scales(ElasticSupernet s) => s.Module.named_parameters().Count(p => p.name.Contains("scale_", StringComparison.Ordinal));
        Assert.Equal(0, Scales(new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 1, switchableScaling: false)));

        // 2 layers x (attention, MLP) x 4 configurations (2 widths x 2 MLP ratios).
        var on = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(switchableScaling: false), seed: 1, switchableScaling: true);
        Assert.Equal(16, Scales(on));
        Assert.Equal(4, on.Extract(TinyHybrid.Space.Largest).Module.named_parameters().Count(p => p.name.Contains("scale_", StringComparison.Ordinal)));
    }
}
