using NasPipeline.OnnxNetworks.Remapping;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Tests.Remapping;

/// <summary>FNA's remapping rules on tensors small enough to write out by hand.</summary>
public sealed class ParameterRemappingTests
{
    [Fact]
    public void A_larger_kernel_gets_the_seed_kernel_at_its_centre_with_zeros_around()
    {
        var seed = arange(1, 10, ScalarType.Float32).reshape(1, 1, 3, 3);   // 1..9
        var target = full(1, 1, 5, 5, 7f);                                   // 7 must not survive anywhere

        var grown = ParameterRemapping.Remap(seed, target, ParameterRemapping.ConvWeight);

        float[] expected =
        [
            0, 0, 0, 0, 0,
            0, 1, 2, 3, 0,
            0, 4, 5, 6, 0,
            0, 7, 8, 9, 0,
            0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, grown.data<float>().ToArray());
        Assert.Equal(7f, target[0, 0, 0, 0].item<float>());
    }

    [Fact]
    public void A_smaller_kernel_takes_the_centre_of_the_larger()
    {
        var large = arange(0, 25, ScalarType.Float32).reshape(1, 1, 5, 5);

        var centre = ParameterRemapping.Remap(large, zeros(1, 1, 3, 3), ParameterRemapping.ConvWeight);

        Assert.Equal([6f, 7, 8, 11, 12, 13, 16, 17, 18], centre.data<float>().ToArray());
    }

    [Fact]
    public void A_narrower_layer_keeps_the_first_output_and_input_channels()
    {
        // w[o, i] = 10 o + i
        var wide = tensor(new float[] { 0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32 }).reshape(4, 3, 1, 1);

        var narrow = ParameterRemapping.Remap(wide, zeros(2, 2, 1, 1), ParameterRemapping.ConvWeight);

        Assert.Equal([0f, 1, 10, 11], narrow.data<float>().ToArray());
    }

    [Fact]
    public void Batch_norm_vectors_keep_their_first_channels_and_new_channels_keep_a_fresh_norms_values()
    {
        var scale = tensor(new float[] { 0.5f, 2f });
        var mean = tensor(new float[] { 3f, -1f, 4f, 8f });

        var widerScale = ParameterRemapping.Remap(scale, ones(4), ParameterRemapping.ChannelVector);
        var narrowerMean = ParameterRemapping.Remap(mean, zeros(3), ParameterRemapping.ChannelVector);

        Assert.Equal([0.5f, 2f, 1f, 1f], widerScale.data<float>().ToArray());
        Assert.Equal([3f, -1f, 4f], narrowerMean.data<float>().ToArray());
    }

    [Fact]
    public void Width_and_kernel_remap_together_and_a_depthwise_axis_of_one_must_match()
    {
        // Depthwise [3, 1, 3, 3] with w[c] = c + 1 everywhere, into [2, 1, 5, 5].
        var seed = arange(1, 4, ScalarType.Float32).reshape(3, 1, 1, 1).expand(3, 1, 3, 3).contiguous();

        var remapped = ParameterRemapping.Remap(seed, ones(2, 1, 5, 5), ParameterRemapping.DepthwiseWeight);

        Assert.Equal([2L, 1, 5, 5], remapped.shape);
        Assert.Equal(2f, remapped[1, 0, 2, 2].item<float>());  // channel 1 (value 2) at the centre
        Assert.Equal(1f, remapped[0, 0, 1, 3].item<float>());  // inside the 3x3 centre
        Assert.Equal(0f, remapped[1, 0, 0, 2].item<float>());  // the ring around it is zero
        Assert.Equal(9f + 9f * 2f, remapped.sum().item<float>());
        Assert.Throws<ArgumentException>(() => ParameterRemapping.Remap(seed, ones(3, 2, 3, 3), ParameterRemapping.DepthwiseWeight));
    }

    [Fact]
    public void A_grown_kernel_convolves_as_the_seed_did()
    {
        var generator = new Generator(4);
        var seed = randn([4, 3, 3, 3], generator: generator);
        var image = randn([1, 3, 9, 9], generator: generator);

        var grown = ParameterRemapping.Remap(seed, randn([4, 3, 7, 7], generator: generator), ParameterRemapping.ConvWeight);

        var before = nn.functional.conv2d(image, seed, padding: [1, 1]);
        var after = nn.functional.conv2d(image, grown, padding: [3, 3]);
        Assert.True(before.allclose(after, rtol: 1e-5, atol: 1e-5));
    }

    [Theory]
    [InlineData(2, 4, new[] { 0, 1, 1, 1 })]
    [InlineData(4, 2, new[] { 0, 1 })]
    [InlineData(1, 3, new[] { 0, 0, 0 })]
    [InlineData(3, 3, new[] { 0, 1, 2 })]
    public void A_layer_the_seed_stage_lacks_copies_the_stages_last_layer(int seedDepth, int targetDepth, int[] expected)
    {
        Assert.Equal(expected, DepthRemapping.Sources(seedDepth, targetDepth));
    }
}
