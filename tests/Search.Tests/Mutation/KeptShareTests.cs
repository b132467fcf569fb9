using NasPipeline.Contracts.Model;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Search.Tests.Mutation;

public sealed class KeptShareTests
{
    [Fact]
    public void A_channel_shrink_leaves_its_new_width_over_the_groups_width_before_its_first_kept_shrink()
    {
        NetworkMutation[] kept = [new(MutationKind.ShrinkChannels, "conv_72", 32, 30), new(MutationKind.ShrinkChannels, "conv_9", 16, 14)];

        Assert.Equal(0.75, KeptShare.Of(new NetworkMutation(MutationKind.ShrinkChannels, "conv_72", 30, 24), kept), 12);
        Assert.Equal(0.9375, KeptShare.Of(new NetworkMutation(MutationKind.ShrinkChannels, "conv_5", 48, 45), kept), 12);
    }

    [Fact]
    public void A_kernel_shrink_leaves_the_kernels_area_share_and_a_removed_block_none()
    {
        NetworkMutation[] kept = [new(MutationKind.ShrinkKernel, "conv_3", 7, 5), new(MutationKind.ShrinkChannels, "conv_3", 64, 60)];

        Assert.Equal(9.0 / 49, KeptShare.Of(new NetworkMutation(MutationKind.ShrinkKernel, "conv_3", 5, 3), kept), 12);
        Assert.Equal(9.0 / 25, KeptShare.Of(new NetworkMutation(MutationKind.ShrinkKernel, "conv_8", 5, 3), kept), 12);
        Assert.Equal(0, KeptShare.Of(new NetworkMutation(MutationKind.RemoveBlock, "add_4", 6, 0, "add_3"), kept));
    }
}
