using NasPipeline.Vision.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using BatchNorm2d = NasPipeline.Vision.Backbones.BatchNorm2d;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Chains;

/// <summary>The chain's first layer: 3x3 _conv at stride 1, BN, ReLU.</summary>
public sealed class Stem : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv;
    private readonly BatchNorm2d _bn;

    public Stem(int inChannels, int outChannels) : base(nameof(Stem))
    {
        _conv = nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false);
        _bn = new BatchNorm2d(outChannels);
        register_module("conv", _conv);
        register_module("bn", _bn);
    }

    public override Tensor forward(Tensor input) => nn.functional.relu(_bn.call(_conv.call(input)));
}
