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
        random.manual_seed(options.Seed);
        using var super = new SuperChain(seed.Architecture, SuperNetworkSpace.Default);
        NetworkExpansion.ExpandInto(seed, super);
        var head = task.CreateHead(super.Features);
        if (seedHead is not null)
        {
            ModuleRemapping.Remap(seedHead, head);
        }

        var costs = SuperChainCosts.Measure(super, task.InputSize);
        return new ArchitectureAdaptation(super, head, task, costs, options).Run(train, progress);
    }
}
