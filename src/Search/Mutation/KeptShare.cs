using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Mutation;

/// <summary>
/// The share of its layer's submitted size an edit leaves, given the edits already kept: a channel group's width
/// (<c>To</c> over the group's width before its first kept shrink), a kernel's area, and none for a removed block.
/// </summary>
public static class KeptShare
{
    public static double Of(NetworkMutation mutation, IReadOnlyList<NetworkMutation> kept) => mutation.Kind switch
    {
        MutationKind.ShrinkChannels => (double)mutation.To / Submitted(mutation, kept),
        MutationKind.ShrinkKernel => Math.Pow((double)mutation.To / Submitted(mutation, kept), 2),
        _ => 0,
    };

    /// <summary>The layer's size in the submitted network: the <c>From</c> of its first kept edit of the same kind, or
    /// this edit's own when it is the first.</summary>
    private static long Submitted(NetworkMutation mutation, IReadOnlyList<NetworkMutation> kept) =>
        kept.FirstOrDefault(k => k.Kind == mutation.Kind && k.Target == mutation.Target)?.From ?? mutation.From;
}
