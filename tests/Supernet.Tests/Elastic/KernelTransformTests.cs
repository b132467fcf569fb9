using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Tests.Fixtures;
using TorchSharp;
using static NasPipeline.Supernet.Tests.Fixtures.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Elastic;

public sealed class KernelTransformTests
{
    [Fact]
    public void At_the_identity_the_transforms_change_nothing()
    {
        using var scope = NewDisposeScope();
        var plain = new ElasticDepthwiseConv2d(6, 7, 1, Seeded(3));
        var transformed = new ElasticDepthwiseConv2d(6, 7, 1, Seeded(3));
        transformed.AddKernelTransforms();
        var input = randn([2, 6, 9, 9], generator: Seeded(4));
        foreach (var kernel in new[] { 7, 5, 3 })
        {
            plain.ActiveKernel = transformed.ActiveKernel = kernel;
            Assert.True(MaxAbsDifference(plain.forward(input), transformed.forward(input)) < 1e-6, $"kernel {kernel}");
        }
    }

    [Fact]
    public void Kernel_3_is_the_centre_of_the_transformed_5_times_its_own_matrix()
    {
        using var scope = NewDisposeScope();
        const int channels = 4;
        var layer = new ElasticDepthwiseConv2d(channels, 7, 1, Seeded(5));
        layer.AddKernelTransforms();
        var generator = Seeded(6);
        using (no_grad())
        {
            Param(layer, "transform5").copy_(randn([25, 25], generator: generator));
            Param(layer, "transform3").copy_(randn([9, 9], generator: generator));
        }

        // Independent reference in plain arrays: centre 5x5 of the 7x7, times T5 (row vector on the left), then the
        // centre 3x3 of that, times T3.
        var weight = Param(layer, "weight").detach().contiguous().data<float>().ToArray();
        var t5 = Param(layer, "transform5").detach().contiguous().data<float>().ToArray();
        var t3 = Param(layer, "transform3").detach().contiguous().data<float>().ToArray();
        var expected = new float[channels * 9];
        for (var c = 0; c < channels; c++)
        {
            var five = new double[25];
            for (var j = 0; j < 25; j++)
            {
                for (var i = 0; i < 25; i++)
                {
                    five[j] += weight[(c * 49) + (((i / 5) + 1) * 7) + (i % 5) + 1] * t5[(i * 25) + j];
                }
            }

            for (var j = 0; j < 9; j++)
            {
                var sum = 0.0;
                for (var i = 0; i < 9; i++)
                {
                    sum += five[(((i / 3) + 1) * 5) + (i % 3) + 1] * t3[(i * 9) + j];
                }

                expected[(c * 9) + j] = (float)sum;
            }
        }

        var actual = layer.Weight(channels, 3);
        Assert.Equal([channels, 1L, 3L, 3L], actual.shape);
        var values = actual.detach().contiguous().data<float>().ToArray();
        Assert.All(values.Zip(expected), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-3 * (1 + Math.Abs(p.Second)), $"{p.First} vs {p.Second}"));

        layer.ActiveKernel = 3;
        var input = randn([2, channels, 8, 8], generator: generator);
        var reference = nn.functional.conv2d(input, tensor(expected).reshape(channels, 1, 3, 3), padding: [1, 1], groups: channels);
        Assert.True(MaxAbsDifference(reference, layer.forward(input)) < 1e-3);
    }

    [Fact]
    public void Gradients_reach_only_the_transforms_on_the_way_to_the_active_kernel()
    {
        using var scope = NewDisposeScope();
        var layer = new ElasticDepthwiseConv2d(4, 7, 1, Seeded(7));
        layer.AddKernelTransforms();
        layer.ActiveKernel = 5;
        layer.forward(randn([2, 4, 8, 8], generator: Seeded(8))).sum().backward();

        Assert.True(Param(layer, "transform5").grad!.abs().sum().item<float>() > 0);
        var unused = Param(layer, "transform3").grad;
        Assert.True(unused is null || unused.abs().sum().item<float>() == 0);
    }

    [Fact]
    public void A_layer_takes_its_transforms_once_and_rejects_an_even_kernel()
    {
        using var scope = NewDisposeScope();
        var layer = new ElasticDepthwiseConv2d(4, 7, 1, Seeded(9));
        layer.AddKernelTransforms();
        Assert.Equal(["transform5", "transform3", "transform1"], layer.named_parameters().Select(p => p.name).Where(n => n.StartsWith("transform", StringComparison.Ordinal)));
        Assert.Throws<InvalidOperationException>(layer.AddKernelTransforms);
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.Weight(4, 4));
    }
}
