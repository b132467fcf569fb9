using NasPipeline.ComputationGraph.Editing;
using NasPipeline.Search.Mutation;
using static NasPipeline.Search.Tests.Mutation.TinyModels;

namespace NasPipeline.Search.Tests.Mutation;

/// <summary>
/// Which stored values a mutation keeps, on the tiny models with numbered weights (initializer k holds 1000 k + i at flat
/// index i, initializers in file order w, b per conv), so each expected value below is worked out by hand from the
/// tensor's layout [out, in / groups, kh, kw].
/// </summary>
public sealed class SlicedWeightsTests
{
    private static OnnxModelEditor Shrink(byte[] bytes, long channels, long to)
    {
        var model = OnnxModelEditor.Parse(WeightValues.Numbered(bytes));
        var analysis = ChannelGroupAnalysis.Of(model);
        ChannelShrink.Apply(model, analysis, analysis.Shrinkable().Single(g => g.Channels == channels), to);
        return model;
    }

    [Fact]
    public void A_channel_shrink_keeps_the_producers_first_outputs_and_the_readers_matching_inputs()
    {
        // Residual: A w_0 [16,8,3,3] b_1; B w_4 [16,16,3,3] b_5 (reads A, adds to it); C w_8 [4,16,1,1] b_9. 16 -> 12.
        var model = Shrink(Residual(), 16, 12);

        Assert.Equal(Enumerable.Range(0, 12 * 8 * 9).Select(i => (float)i), WeightValues.Of(model, "w_0"));
        Assert.Equal(Enumerable.Range(1000, 12).Select(i => (float)i), WeightValues.Of(model, "b_1"));
        var b = WeightValues.Of(model, "w_4");
        Assert.Equal(12 * 12 * 9, b.Length);
        Assert.Equal(Enumerable.Range(2000, 108).Select(i => (float)i), b.Take(108));   // filter 0, inputs 0..11: the first 108 taps
        Assert.Equal(2144f, b[108]);                                                      // filter 1 starts at 1 x 16 x 9 = 144
        Assert.Equal(3691f, b[^1]);                                                       // (11, 11, 8): 11 x 144 + 11 x 9 + 8 = 1691
        Assert.Equal(Enumerable.Range(3000, 12).Select(i => (float)i), WeightValues.Of(model, "b_5"));
        Assert.Equal(new float[] { 4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 4010, 4011 }, WeightValues.Of(model, "w_8").Take(12));
        Assert.Equal(new float[] { 4000, 4011, 4016, 4027, 4032, 4043, 4048, 4059 }, WeightValues.Of(model, "w_8").Where((_, i) => i % 12 is 0 or 11));
        Assert.Equal(new float[] { 5000, 5001, 5002, 5003 }, WeightValues.Of(model, "b_9"));
    }

    [Fact]
    public void A_shrunk_concat_segment_keeps_its_first_channels_and_the_other_segment_whole()
    {
        // Concat: A w_0 [16,8,1,1]; B w_3 [8,8,1,1]; C w_7 [4,24,1,1] reads [A | B]. A's 16 -> 14: C keeps inputs 0..13 and 16..23.
        var model = Shrink(Concat(), 16, 14);

        var c = WeightValues.Of(model, "w_7");
        Assert.Equal(4 * 22, c.Length);
        float[] row0 = [4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 4010, 4011, 4012, 4013, 4016, 4017, 4018, 4019, 4020, 4021, 4022, 4023];
        Assert.Equal(row0, c.Take(22));
        Assert.Equal(row0.Select(v => v + (3 * 24)), c.Skip(66));
        Assert.Equal(Enumerable.Range(2000, 64).Select(i => (float)i), WeightValues.Of(model, "w_3"));
    }

    [Fact]
    public void A_depthwise_convolution_keeps_the_filters_and_groups_of_the_kept_channels()
    {
        // Depthwise: A w_0 [16,8,1,1]; D w_3 [16,1,3,3] b_4, group 16; C w_6 [4,16,1,1]. 16 -> 12.
        var model = Shrink(Depthwise(), 16, 12);

        Assert.Equal(Enumerable.Range(2000, 12 * 9).Select(i => (float)i), WeightValues.Of(model, "w_3"));
        Assert.Equal(Enumerable.Range(3000, 12).Select(i => (float)i), WeightValues.Of(model, "b_4"));
        Assert.Equal(12, OnnxModelEditor.IntAttribute(model.Nodes.Single(n => n.Input.Contains("w_3")), "group", 0));
        Assert.Equal(new float[] { 4000, 4011, 4016, 4027 }, WeightValues.Of(model, "w_6").Where((_, i) => i % 12 is 0 or 11).Take(4));
    }

    [Fact]
    public void A_kernel_shrink_keeps_the_centre_tap_of_every_filter()
    {
        var model = OnnxModelEditor.Parse(WeightValues.Numbered(Residual()));

        KernelShrink.Apply(model, "conv_6");   // B: w_4 [16,16,3,3] -> [16,16,1,1], tap 4 of 0..8 is the centre

        var b = WeightValues.Of(model, "w_4");
        Assert.Equal(256, b.Length);
        Assert.Equal(new float[] { 2004, 2013, 2022 }, b.Take(3));
        Assert.Equal(2000 + (255 * 9) + 4, b[^1]);
        Assert.Equal([16L, 16, 1, 1], model.Initializer("w_4")!.Dims);
    }

    [Fact]
    public void A_removed_block_takes_its_weights_with_it_and_leaves_the_others_untouched()
    {
        var model = OnnxModelEditor.Parse(WeightValues.Numbered(Residual()));

        BlockRemoval.Apply(model, new BlockRemoval.Block("add_7", "relu_3", 1));

        Assert.Equal(["w_0", "b_1", "w_8", "b_9"], model.Initializers.Select(t => t.Name));
        Assert.Equal(Enumerable.Range(4000, 64).Select(i => (float)i), WeightValues.Of(model, "w_8"));
    }
}
