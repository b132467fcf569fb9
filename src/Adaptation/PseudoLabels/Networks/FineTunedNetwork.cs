using NasPipeline.OnnxNetworks;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.PseudoLabels.Networks;

/// <summary>A network after a pseudo-label's fine-tune: its body as the head reads it, the head copy, and the body's
/// parameter names that were frozen.</summary>
public sealed class FineTunedNetwork(OnnxNetwork network, FeatureProjection projection, ProjectedBackbone body, nn.Module<Tensor[], Tensor> head,
    IReadOnlySet<string> frozen) : IDisposable
{
    public OnnxNetwork Network => network;

    public ProjectedBackbone Body => body;

    public nn.Module<Tensor[], Tensor> Head => head;

    /// <summary>Names in <see cref="ProjectedBackbone.Module"/> ("network.*").</summary>
    public IReadOnlySet<string> Frozen => frozen;

    public void Dispose()
    {
        head.Dispose();
        projection.Dispose();
        network.Dispose();
        body.Dispose();
    }
}
