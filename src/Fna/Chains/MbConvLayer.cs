using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using BatchNorm2d = NasPipeline.Vision.Backbones.BatchNorm2d;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Chains;

/// <summary>
/// MobileNetV2's inverted residual block: 1x1 _expand to in x expansion channels, BN, ReLU; k x k _depthwise (stride
/// here), BN, ReLU; 1x1 _project, BN; the input added back when the stride is 1 and the width is kept.
/// </summary>
public sealed class MbConvLayer : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _expand;
    private readonly BatchNorm2d _expandBn;
    private readonly Conv2d _depthwise;
    private readonly BatchNorm2d _depthwiseBn;
    private readonly Conv2d _project;
    private readonly BatchNorm2d _projectBn;

    public MbConvLayer(int inChannels, int outChannels, LayerOp op, int stride) : base(nameof(MbConvLayer))
    {
        if (op.IsSkip)
        {
            throw new ArgumentException("A skip has no block; leave the layer out instead.", nameof(op));
        }

        TorchEnvironment.EnsureAvailable();
        Op = op;
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        var hidden = inChannels * op.Expansion;
        _expand = nn.Conv2d(inChannels, hidden, 1, bias: false);
        _expandBn = new BatchNorm2d(hidden);
        _depthwise = nn.Conv2d(hidden, hidden, op.Kernel, stride: stride, padding: op.Kernel / 2, groups: hidden, bias: false);
        _depthwiseBn = new BatchNorm2d(hidden);
        _project = nn.Conv2d(hidden, outChannels, 1, bias: false);
        _projectBn = new BatchNorm2d(outChannels);
        register_module("expand", _expand);
        register_module("expand_bn", _expandBn);
        register_module("depthwise", _depthwise);
        register_module("depthwise_bn", _depthwiseBn);
        register_module("project", _project);
        register_module("project_bn", _projectBn);
    }

    public LayerOp Op { get; }

    public int InChannels { get; }

    public int OutChannels { get; }

    public int Stride { get; }

    public bool Residual => Stride == 1 && InChannels == OutChannels;

    public override Tensor forward(Tensor input)
    {
        var hidden = nn.functional.relu(_expandBn.call(_expand.call(input)));
        hidden = nn.functional.relu(_depthwiseBn.call(_depthwise.call(hidden)));
        var output = _projectBn.call(_project.call(hidden));
        return Residual ? output.add(input, HeldScalars.One) : output;
    }
}
