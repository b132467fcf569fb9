using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Costs;
using NasPipeline.Fna.Remapping;
using NasPipeline.Fna.Super;
using NasPipeline.Vision.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Adaptation;

/// <summary>FNA's architecture adaptation from a seed, end to end: the super network (initialised from
/// <see cref="ArchitectureAdaptationOptions.Seed"/>) takes the seed's parameters, the task head the seed's head when
/// the seed was trained on this task (else its seeded init), the cost model counts every candidate's MACs at the
/// task's input size, and the search runs.</summary>
public static class SeedAdaptation
{
    public static ArchitectureAdaptationResult Search(
        ChainNetwork seed,
        nn.Module<Tensor[], Tensor>? seedHead,
        IVisionTask task,
        TaskData train,
        ArchitectureAdaptationOptions options,
        IProgress<ArchitectureAdaptationProgress>? progress = null)
    {
        using var expanded = Expand(seed, seedHead, task, options.Seed);
        using var adaptation = new ArchitectureAdaptation(expanded.Super, expanded.Head, task, expanded.Costs, options);
        return adaptation.Run(train, progress);
    }

    /// <summary>The super network and head the search starts from, the same for the same arguments: the seeded
    /// initialisation, then the seed's parameters expanded into every candidate (and its head, where given).</summary>
    public static ExpandedSeed Expand(ChainNetwork seed, nn.Module<Tensor[], Tensor>? seedHead, IVisionTask task, int initialisationSeed)
    {
        random.manual_seed(initialisationSeed);
        var super = new SuperChain(seed.Architecture, SuperNetworkSpace.Default);
        NetworkExpansion.ExpandInto(seed, super);
        var head = task.CreateHead(super.Features);
        if (seedHead is not null)
        {
            ModuleRemapping.Remap(seedHead, head);
        }

        return new ExpandedSeed(super, head, SuperChainCosts.Measure(super, task.InputSize));
    }
}

/// <summary>A seed expanded into its super network, with the task head and every candidate's MACs.</summary>
public sealed record ExpandedSeed(SuperChain Super, nn.Module<Tensor[], Tensor> Head, SuperChainCosts Costs) : IDisposable
{
    public void Dispose()
    {
        Super.Dispose();
        Head.Dispose();
    }
}
