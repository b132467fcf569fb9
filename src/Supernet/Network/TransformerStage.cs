using NasPipeline.Supernet.Elastic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Network;

/// <summary>The entry (strided MBConv or 1x1 conv + BN) to the stage width, then the first <c>Depth</c> transformer layers.</summary>
internal sealed class TransformerStage : nn.Module<Tensor, Tensor>, IElasticStage
{
    private readonly ElasticMbConv? _downsample;
    private readonly ElasticConv2d? _pointwise;
    private readonly ElasticBatchNorm2d? _pointwiseNorm;
    private readonly ModuleList<ElasticTransformerBlock> _layers = new();
    private int _depth;

    public TransformerStage(int maxIn, TransformerStageBlueprint blueprint, Generator generator)
        : base(nameof(TransformerStage))
    {
        if (blueprint.Entry == TransformerEntry.Pointwise)
        {
            _pointwise = new ElasticConv2d(maxIn, blueprint.MaxWidth, 1, blueprint.Stride, bias: false, generator);
            _pointwiseNorm = new ElasticBatchNorm2d(blueprint.MaxWidth);
            register_module("entry", _pointwise);
            register_module("entry_bn", _pointwiseNorm);
        }
        else
        {
            _downsample = new ElasticMbConv(maxIn, blueprint.MaxWidth, 3, blueprint.DownsampleExpansion, blueprint.Stride, squeezeExcite: false, Activation.HardSwish, generator);
            register_module("downsample", _downsample);
        }

        for (var i = 0; i < blueprint.MaxDepth; i++)
        {
            _layers.Add(new ElasticTransformerBlock(blueprint.Widths, blueprint.MlpRatios, blueprint.HeadSize, blueprint.SwitchableScaling, generator));
        }

        _depth = blueprint.MaxDepth;
        register_module("layers", _layers);
    }

    public void Activate(StageConfig config)
    {
        var transformer = (TransformerStageConfig)config;
        if (transformer.Depth is < 0 || transformer.Depth > _layers.Count)
        {
            throw new ArgumentException($"A stage runs 0..{_layers.Count} layers, not {transformer.Depth}.", nameof(config));
        }

        _depth = transformer.Depth;
        if (_downsample is not null)
        {
            _downsample.OutChannels = transformer.Width;
        }

        if (_pointwise is not null)
        {
            _pointwise.ActiveOut = transformer.Width;
        }

        foreach (var layer in _layers)
        {
            layer.MlpRatio = transformer.MlpRatio;
            layer.Windows = transformer.Windows;
        }
    }

    public Tensor Forward(Tensor input) => forward(input);

    public override Tensor forward(Tensor input)
    {
        var x = _downsample is not null ? _downsample.forward(input) : _pointwiseNorm!.forward(_pointwise!.forward(input));
        for (var i = 0; i < _depth; i++)
        {
            x = _layers[i].forward(x);
        }

        return x;
    }
}
