using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.Search.Mutation;
using static NasPipeline.Search.Tests.Mutation.TinyModels;

namespace NasPipeline.Search.Tests.Mutation;

public class TinyModelMutationTests
{
    private static readonly ExtractionOptions Extraction = ExtractionOptions.Default;

    private static ComputationGraph.ComputationGraph Extract(OnnxModelEditor model) =>
        new OnnxGraphExtractor().Extract(model.ToBytes(), Extraction);

    private static OnnxModelEditor Shrink(byte[] bytes, long channels, long to)
    {
        var model = OnnxModelEditor.Parse(bytes);
        var analysis = ChannelGroupAnalysis.Of(model);
        ChannelShrink.Apply(model, analysis, analysis.Shrinkable().Single(g => g.Channels == channels), to);
        return model;
    }

    [Fact]
    public void Residual_add_ties_both_convolutions_into_one_group()
    {
        var groups = ChannelGroupAnalysis.Of(OnnxModelEditor.Parse(Residual())).Shrinkable();

        // The input and the last conv's output (a graph output) are frozen; A and B meet at the Add.
        var group = Assert.Single(groups);
        Assert.Equal(16, group.Channels);
        Assert.Equal(2, group.Producers.Count);
    }

    [Fact]
    public void Shrinking_a_residual_group_cuts_macs_and_params_by_the_hand_computed_amount()
    {
        var original = Extract(OnnxModelEditor.Parse(Residual()));
        var shrunk = Extract(Shrink(Residual(), 16, 12));

        Assert.Equal(ConvMacs(8, 16, 3) + ConvMacs(16, 16, 3) + ConvMacs(16, 4, 1), original.TotalMacs);
        Assert.Equal(ConvMacs(8, 12, 3) + ConvMacs(12, 12, 3) + ConvMacs(12, 4, 1), shrunk.TotalMacs);
        Assert.Equal(ConvParams(8, 12, 3) + ConvParams(12, 12, 3) + ConvParams(12, 4, 1), shrunk.TotalParams);
        Assert.Equal(original.Outputs[0].Shape, shrunk.Outputs[0].Shape);
    }

    [Fact]
    public void Shrinking_one_input_of_a_concat_shrinks_the_reader_by_that_segment()
    {
        var groups = ChannelGroupAnalysis.Of(OnnxModelEditor.Parse(Concat())).Shrinkable();
        Assert.Equal([8L, 16L], groups.Select(g => g.Channels).Order());

        var shrunk = Extract(Shrink(Concat(), 16, 14));

        Assert.Equal(ConvMacs(8, 14, 1) + ConvMacs(8, 8, 1) + ConvMacs(22, 4, 1), shrunk.TotalMacs);
        Assert.Equal(22, shrunk.Nodes.Single(n => n.OpType == "Concat").OutputShapes[0][1]);
    }

    [Fact]
    public void Depthwise_convolution_follows_its_input_group_and_its_group_attribute()
    {
        var shrunk = Extract(Shrink(Depthwise(), 16, 12));

        var depthwise = shrunk.Nodes.Where(n => n.OpType == "Conv").ElementAt(1);
        Assert.Equal(12, depthwise.Groups);
        Assert.Equal(ConvMacs(8, 12, 1) + ConvMacs(12, 12, 3, groups: 12) + ConvMacs(12, 4, 1), shrunk.TotalMacs);
        Assert.Equal(ConvParams(8, 12, 1) + ConvParams(12, 12, 3, groups: 12) + ConvParams(12, 4, 1), shrunk.TotalParams);
    }

    [Fact]
    public void A_group_read_by_a_reshape_is_frozen()
    {
        Assert.Empty(ChannelGroupAnalysis.Of(OnnxModelEditor.Parse(Reshaped())).Shrinkable());
    }

    [Fact]
    public void Kernel_shrink_keeps_every_shape_and_cuts_that_convolution_ninefold()
    {
        var model = OnnxModelEditor.Parse(Residual());
        var before = Extract(model);
        var second = KernelShrink.Candidates(model)[1];

        KernelShrink.Apply(model, second);
        var after = Extract(model);

        Assert.Equal(ConvMacs(8, 16, 3) + ConvMacs(16, 16, 1) + ConvMacs(16, 4, 1), after.TotalMacs);
        Assert.Equal(before.Nodes.Select(n => n.OutputShapes), after.Nodes.Select(n => n.OutputShapes));
        Assert.DoesNotContain(second, KernelShrink.Candidates(model));
    }

    [Fact]
    public void Removing_a_residual_block_drops_exactly_its_convolution()
    {
        var model = OnnxModelEditor.Parse(Residual());
        var block = Assert.Single(BlockRemoval.Candidates(model, TensorShapes.Of(Extract(model))));

        BlockRemoval.Apply(model, block);
        var after = Extract(model);

        Assert.Equal(ConvMacs(8, 16, 3) + ConvMacs(16, 4, 1), after.TotalMacs);
        Assert.Equal(ConvParams(8, 16, 3) + ConvParams(16, 4, 1), after.TotalParams);
        Assert.DoesNotContain(after.Nodes, n => n.OpType == "Add");
    }

    [Fact]
    public void An_add_of_two_convolutions_of_the_same_input_is_not_a_removable_block()
    {
        // Neither input of the Add is an identity skip: each side is a convolution of x.
        var model = OnnxModelEditor.Parse(TwoBranches());

        Assert.Empty(BlockRemoval.Candidates(model, TensorShapes.Of(Extract(model))));
    }
}
