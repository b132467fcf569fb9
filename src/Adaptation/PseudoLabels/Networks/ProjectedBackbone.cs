using NasPipeline.OnnxNetworks;
using NasPipeline.OnnxNetworks.Backbone;
using NasPipeline.Vision.Backbones;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.PseudoLabels.Networks;

/// <summary>A submitted network read through a <see cref="FeatureProjection"/>: to a task head it looks like the supernet
/// the head was trained on (same levels, widths and grids). Disposing it releases only the container that joins the two
/// (their owner disposes the network and the projection).</summary>
public sealed class ProjectedBackbone(OnnxBackbone network, FeatureProjection projection, FeatureSpec features) : IBackbone, IDisposable
{
    public FeatureSpec Features => features;

    /// <summary>The interpreter and the projection together, so train/eval and parameters reach both.</summary>
    public nn.Module Module { get; } = new ProjectedNetwork(network.Module, projection);

    public Tensor[] Forward(Tensor images)
    {
        // The projection always makes new tensors, so the taps' wrappers can go (autograd keeps what it needs).
        var taps = network.Forward(images);
        var projected = projection.call(taps);
        foreach (var tap in taps)
        {
            tap.Dispose();
        }

        return projected;
    }

    public void Dispose() => Module.Dispose();
}

/// <summary>The two modules of a <see cref="ProjectedBackbone"/> under one root (parameters "network.*", "projection.*").</summary>
internal sealed class ProjectedNetwork : nn.Module
{
    public ProjectedNetwork(nn.Module network, FeatureProjection projection) : base(nameof(ProjectedNetwork))
    {
        register_module("network", network);
        register_module("projection", projection);
    }
}
