namespace NasPipeline.Search.Mutation;

/// <summary>One edit of a network, named by stable node names so it reads the same on any copy of the model:
/// a channel group (named by its first producer) from From to To channels, a kernel from From to To, or the
/// residual block ending at the Add <see cref="Target"/> whose skip input is <see cref="Skip"/>.</summary>
public sealed record GraphMutation(MutationKind Kind, string Target, long From, long To, string? Skip = null)
{
    public override string ToString() => Kind switch
    {
        MutationKind.ShrinkChannels => $"channels of {Target} (and its group) {From} -> {To}",
        MutationKind.ShrinkKernel => $"kernel of {Target} {From}x{From} -> {To}x{To}",
        _ => $"remove the block ending at {Target} (skip {Skip})",
    };
}
