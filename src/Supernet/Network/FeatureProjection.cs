using NasPipeline.Supernet.Elastic;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Network;

/// <summary>
/// Conv (1x1 by default) + BN + h-swish from whatever width a stage ends with to the level's fixed width, so one head
/// fits every subnet; with a larger kernel and stride it is the spaces' feature mix.
/// </summary>
internal sealed class FeatureProjection : nn.Module<Tensor, Tensor>
{
    private readonly ElasticConv2d _conv;
    private readonly ElasticBatchNorm2d _norm;

    public FeatureProjection(int maxIn, int width, Generator generator, int kernel = 1, int stride = 1)
        : base(nameof(FeatureProjection))
    {
        _conv = new ElasticConv2d(maxIn, width, kernel, stride, bias: false, generator);
        _norm = new ElasticBatchNorm2d(width);
        register_module("conv", _conv);
        register_module("bn", _norm);
    }

    public override Tensor forward(Tensor input) => nn.functional.hardswish(_norm.forward(_conv.forward(input)));
}
