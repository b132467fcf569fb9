using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Super;
using NasPipeline.OnnxNetworks.Remapping;

namespace NasPipeline.Fna.Remapping;

/// <summary>
/// FNA's two remappings of a seed chain's parameters: into the super network (every candidate of every layer starts
/// from the seed's block at that depth) and into a derived network (each block from the seed's block at its depth).
/// Depth: a stage's i-th layer takes the seed stage's i-th block, layers past the seed's take its last
/// (<see cref="DepthRemapping"/>); width and kernel: <see cref="ModuleRemapping"/>.
/// </summary>
public static class NetworkExpansion
{
    public static void ExpandInto(ChainNetwork seed, SuperChain super)
    {
        CheckSameFrame(seed.Architecture, super.Seed);
        ModuleRemapping.Remap(seed.StemModule, super.StemModule);
        var seedStages = seed.Blocks;
        var superStages = super.Stages;
        for (var s = 0; s < superStages.Count; s++)
        {
            var sources = DepthRemapping.Sources(seedStages[s].Count, superStages[s].Count);
            for (var i = 0; i < superStages[s].Count; i++)
            {
                var layer = superStages[s][i];
                for (var c = 0; c < layer.Candidates.Count; c++)
                {
                    if (layer.Block(c) is { } block)
                    {
                        ModuleRemapping.Remap(seedStages[s][sources[i]], block);
                    }
                }
            }
        }
    }

    public static void RemapInto(ChainNetwork seed, ChainNetwork target)
    {
        CheckSameFrame(seed.Architecture, target.Architecture);
        ModuleRemapping.Remap(seed.StemModule, target.StemModule);
        var (seedStages, targetStages) = (seed.Blocks, target.Blocks);
        for (var s = 0; s < targetStages.Count; s++)
        {
            var sources = DepthRemapping.Sources(seedStages[s].Count, targetStages[s].Count);
            for (var i = 0; i < targetStages[s].Count; i++)
            {
                ModuleRemapping.Remap(seedStages[s][sources[i]], targetStages[s][i]);
            }
        }
    }

    private static void CheckSameFrame(ChainArchitecture seed, ChainArchitecture other)
    {
        if (seed.InputChannels != other.InputChannels || seed.StemChannels != other.StemChannels || seed.Stages.Count != other.Stages.Count
            || seed.Stages.Zip(other.Stages).Any(p => p.First.Channels != p.Second.Channels || p.First.Stride != p.Second.Stride))
        {
            throw new ArgumentException($"Remapping keeps the stem and the stages' widths and strides: seed {seed.Describe()}, target {other.Describe()}.");
        }
    }
}
