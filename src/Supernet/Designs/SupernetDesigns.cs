using NasPipeline.SearchSpaces;
using NasPipeline.SearchSpaces.MobileNetV3;
using NasPipeline.SearchSpaces.NasVit;
using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Network;

namespace NasPipeline.Supernet.Designs;

/// <summary>The supernet design of each built-in space; a new space adds its case here.</summary>
public static class SupernetDesigns
{
    public static ISupernetDesign For(ISearchSpace space, bool switchableScaling = true) => space switch
    {
        MobileNetV3Space mbv3 => new MobileNetV3Design(mbv3),
        NasVitHybridSpace hybrid => new NasVitHybridDesign(hybrid, switchableScaling),
        _ => throw new NotSupportedException($"The space '{space.Name}' has no supernet design; add one to {nameof(SupernetDesigns)}."),
    };

    /// <summary>A supernet for a space, its weights initialised from the seed.</summary>
    /// <param name="init">Initial values set after the seeded draw; null = none (the weights every existing checkpoint and export started from).</param>
    /// <param name="kernelTransforms">Gives every depthwise layer OFA's kernel transforms (<see cref="ElasticDepthwiseConv2d.AddKernelTransforms"/>).</param>
    public static ElasticSupernet Create(ISearchSpace space, ulong seed, bool switchableScaling = true, SupernetInit? init = null, bool kernelTransforms = false) =>
        new(space, For(space, switchableScaling), seed, init: init, kernelTransforms: kernelTransforms);
}
