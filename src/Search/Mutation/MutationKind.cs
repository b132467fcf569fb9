namespace NasPipeline.Search.Mutation;

public enum MutationKind
{
    ShrinkChannels,
    ShrinkKernel,
    RemoveBlock,
}
