using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Elastic;
using NasPipeline.Supernet.Network;
using NasPipeline.Vision.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet;

/// <summary>
/// A weight-sharing supernet over any space that has an <see cref="ISupernetDesign"/>: one
/// <see cref="ElasticNetwork"/> at the largest configuration, set to a subnet by <see cref="Activate"/>.
/// </summary>
public sealed class ElasticSupernet : ISupernet
{
    /// <param name="switchableScaling">Turns NASViT's switchable scaling on or off in every transformer stage; null keeps the design's choice.</param>
    /// <param name="init">Initial values set after the seeded draw (residual gammas, switchable scales); null = none.</param>
    /// <param name="kernelTransforms">Gives every depthwise layer OFA's kernel transforms, at the identity, so the seeded weights and the function stay those of a supernet without them.</param>
    public ElasticSupernet(ISearchSpace space, ISupernetDesign design, ulong seed, bool? switchableScaling = null, SupernetInit? init = null, bool kernelTransforms = false)
    {
        Space = space;
        Design = design;
        Blueprint = switchableScaling is { } scaling ? design.Blueprint.WithSwitchableScaling(scaling) : design.Blueprint;
        Network = new ElasticNetwork(Blueprint, new Generator(seed));
        init?.Apply(Network);
        if (kernelTransforms)
        {
            // TorchSharp lists a layer under its registered name and again under its field's name.
            foreach (var layer in Network.modules().OfType<ElasticDepthwiseConv2d>().Distinct())
            {
                layer.AddKernelTransforms();
            }
        }

        Activate(space.Largest);
    }

    public ISearchSpace Space { get; }

    public ISupernetDesign Design { get; }

    public SupernetBlueprint Blueprint { get; }

    public ElasticNetwork Network { get; }

    public FeatureSpec Features => Network.Features;

    public nn.Module Module => Network;

    /// <summary>The encoding last given to <see cref="Activate"/>.</summary>
    public IReadOnlyList<int> ActiveEncoding { get; private set; } = [];

    public void Activate(IReadOnlyList<int> encoding)
    {
        Network.Activate(Design.Decode(encoding));
        ActiveEncoding = encoding.ToArray();
    }

    public Tensor[] Forward(Tensor images) => Network.forward(images);

    /// <summary>A stand-alone network of exactly the subnet's size, weights copied (first channels, centre kernels), in eval mode.</summary>
    public IBackbone Extract(IReadOnlyList<int> encoding)
    {
        var config = Design.Decode(encoding);
        var network = new ElasticNetwork(Blueprint.Narrow(config), new Generator(0));
        network.to(Network.parameters().First().device);
        WeightInheritance.Copy(Network, network);
        network.Activate(config);
        network.eval();
        return new ExtractedSubnet(network, config);
    }
}
