using NasPipeline.Supernet.Elastic;
using NasPipeline.Vision.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Network;

/// <summary>
/// The module behind a supernet and behind its extracted subnets: stem, stages, fixed-width feature projections.
/// A subnet is a <see cref="SubnetConfig"/> given to <see cref="Activate"/>; an extracted subnet is this same
/// module built from the narrowed blueprint, so the two share one forward pass by construction.
/// </summary>
public sealed class ElasticNetwork : nn.Module<Tensor, Tensor[]>
{
    private readonly ElasticConv2d _stem;
    private readonly ElasticBatchNorm2d _stemNorm;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> _stages = new();
    private readonly ModuleList<FeatureProjection> _projections = new();
    private readonly List<IElasticStage> _elasticStages = [];
    private readonly List<int?> _projectionOf = [];
    private readonly FeatureProjection? _mix;
    private int _resolution;

    public ElasticNetwork(SupernetBlueprint blueprint, Generator generator)
        : base(nameof(ElasticNetwork))
    {
        Blueprint = blueprint;
        _resolution = blueprint.MaxResolution;
        _stem = new ElasticConv2d(blueprint.InputChannels, blueprint.MaxStemWidth, 3, blueprint.StemStride, bias: false, generator);
        _stemNorm = new ElasticBatchNorm2d(blueprint.MaxStemWidth);
        var levels = new List<FeatureLevel>();
        var maxIn = blueprint.MaxStemWidth;
        var stride = blueprint.StemStride;
        foreach (var stage in blueprint.Stages)
        {
            nn.Module<Tensor, Tensor> module = stage switch
            {
                ConvStageBlueprint conv => new ConvStage(maxIn, conv, generator),
                TransformerStageBlueprint transformer => new TransformerStage(maxIn, transformer, generator),
                _ => throw new ArgumentException($"Unknown stage kind {stage.GetType().Name}.", nameof(blueprint)),
            };
            _stages.Add(module);
            _elasticStages.Add((IElasticStage)module);
            maxIn = stage.MaxWidth;
            stride *= stage.Stride;
            if (stage.FeatureWidth is { } width)
            {
                _projectionOf.Add(_projections.Count);
                _projections.Add(new FeatureProjection(maxIn, width, generator));
                levels.Add(new FeatureLevel(width, stride));
            }
            else
            {
                _projectionOf.Add(null);
            }
        }

        if (blueprint.FeatureMix is { } mix)
        {
            _mix = new FeatureProjection(maxIn, mix.Width, generator, mix.Kernel, mix.Stride);
            levels.Add(new FeatureLevel(mix.Width, stride * mix.Stride));
        }

        Features = new FeatureSpec(levels);
        register_module("stem", _stem);
        register_module("stem_bn", _stemNorm);
        register_module("stages", _stages);
        register_module("projections", _projections);
        if (_mix is not null)
        {
            register_module("mix", _mix);
        }
    }

    public SupernetBlueprint Blueprint { get; }

    public FeatureSpec Features { get; }

    public SubnetConfig? Active { get; private set; }

    public void Activate(SubnetConfig config)
    {
        if (config.Resolution <= 0 || config.Resolution > Blueprint.MaxResolution)
        {
            throw new ArgumentException($"Resolution {config.Resolution} is outside 1..{Blueprint.MaxResolution}.", nameof(config));
        }

        _resolution = config.Resolution;
        _stem.ActiveOut = config.StemWidth;
        for (var i = 0; i < _elasticStages.Count; i++)
        {
            _elasticStages[i].Activate(config.Stages[i]);
        }

        Active = config;
    }

    public override Tensor[] forward(Tensor images)
    {
        var x = Resize(images);
        x = nn.functional.hardswish(_stemNorm.forward(_stem.forward(x)));
        var features = new List<Tensor>(_projections.Count);
        for (var i = 0; i < _stages.Count; i++)
        {
            x = _elasticStages[i].Forward(x);
            if (_projectionOf[i] is { } projection)
            {
                features.Add(_projections[projection].forward(x));
            }
        }

        if (_mix is not null)
        {
            features.Add(_mix.forward(x));
        }

        return [.. features];
    }

    /// <summary>The input is scaled by resolution / reference resolution (bilinear), whatever its size, so a detection canvas scales too.</summary>
    private Tensor Resize(Tensor images)
    {
        if (_resolution == Blueprint.ReferenceResolution)
        {
            return images;
        }

        var size = images.shape[^2..].Select(s => Math.Max(1L, (long)Math.Round(s * (double)_resolution / Blueprint.ReferenceResolution))).ToArray();
        return nn.functional.interpolate(images, size, mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
