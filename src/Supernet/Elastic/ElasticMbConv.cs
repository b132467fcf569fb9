using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>
/// MobileNetV3's inverted residual block with elastic kernel, expansion and output width: 1x1 expand, k x k
/// depthwise, optional squeeze-excite, 1x1 project; residual when the stride is 1 and the widths match.
/// </summary>
public sealed class ElasticMbConv : nn.Module<Tensor, Tensor>
{
    private readonly ElasticConv2d _expand;
    private readonly ElasticBatchNorm2d _expandNorm;
    private readonly ElasticDepthwiseConv2d _depthwise;
    private readonly ElasticBatchNorm2d _depthwiseNorm;
    private readonly ElasticSqueezeExcite? _squeezeExcite;
    private readonly ElasticConv2d _project;
    private readonly ElasticBatchNorm2d _projectNorm;

    public ElasticMbConv(int maxIn, int maxOut, int maxKernel, int maxExpansion, int stride, bool squeezeExcite, Activation activation, Generator generator)
        : base(nameof(ElasticMbConv))
    {
        var maxHidden = maxIn * maxExpansion;
        Stride = stride;
        Residual = stride == 1 && maxIn == maxOut;
        Activation = activation;
        Kernel = maxKernel;
        Expansion = maxExpansion;
        OutChannels = maxOut;
        _expand = new ElasticConv2d(maxIn, maxHidden, 1, 1, bias: false, generator);
        _expandNorm = new ElasticBatchNorm2d(maxHidden);
        _depthwise = new ElasticDepthwiseConv2d(maxHidden, maxKernel, stride, generator);
        _depthwiseNorm = new ElasticBatchNorm2d(maxHidden);
        _squeezeExcite = squeezeExcite ? new ElasticSqueezeExcite(maxHidden, generator) : null;
        _project = new ElasticConv2d(maxHidden, maxOut, 1, 1, bias: false, generator);
        _projectNorm = new ElasticBatchNorm2d(maxOut);
        register_module("expand", _expand);
        register_module("expand_bn", _expandNorm);
        register_module("depthwise", _depthwise);
        register_module("depthwise_bn", _depthwiseNorm);
        if (_squeezeExcite is not null)
        {
            register_module("se", _squeezeExcite);
        }

        register_module("project", _project);
        register_module("project_bn", _projectNorm);
    }

    public int Stride { get; }

    /// <summary>Whether the block adds its input back at its largest configuration (stride 1, same width in and out).</summary>
    public bool Residual { get; }

    public Activation Activation { get; }

    public int Kernel { get; set; }

    public int Expansion { get; set; }

    public int OutChannels { get; set; }

    /// <summary>The last BN's gamma, the one that scales the residual branch (what zero-init of residual blocks sets to 0).</summary>
    public Parameter ProjectGamma => _projectNorm.Weight;

    public override Tensor forward(Tensor input)
    {
        _expand.ActiveOut = (int)input.shape[1] * Expansion;
        _depthwise.ActiveKernel = Kernel;
        _project.ActiveOut = OutChannels;
        var hidden = Activation.Apply(_expandNorm.forward(_expand.forward(input)));
        hidden = Activation.Apply(_depthwiseNorm.forward(_depthwise.forward(hidden)));
        if (_squeezeExcite is not null)
        {
            hidden = _squeezeExcite.forward(hidden);
        }

        var output = _projectNorm.forward(_project.forward(hidden));
        return Stride == 1 && input.shape[1] == OutChannels ? output.add(input, HeldScalars.One) : output;
    }
}
