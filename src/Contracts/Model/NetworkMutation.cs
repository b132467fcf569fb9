namespace NasPipeline.Contracts.Model;

public enum MutationKind
{
    ShrinkChannels,
    ShrinkKernel,
    RemoveBlock,
}

/// <summary>One edit of a network, named by stable node names so it reads the same on any copy of the model: a channel
/// group (named by its first producer) from From to To channels, a kernel from From to To, or the residual block ending
/// at the Add <see cref="Target"/> whose skip input is <see cref="Skip"/> (From: its node count).</summary>
public sealed record NetworkMutation(MutationKind Kind, string Target, long From, long To, string? Skip = null)
{
    public override string ToString() => Kind switch
    {
        MutationKind.ShrinkChannels => $"channels of {Target} (and its group) {From} -> {To}",
        MutationKind.ShrinkKernel => $"kernel of {Target} {From}x{From} -> {To}x{To}",
        _ => $"remove the block ending at {Target} (skip {Skip})",
    };
}
