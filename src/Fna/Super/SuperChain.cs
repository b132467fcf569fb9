using NasPipeline.Fna.Chains;
using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Super;

/// <summary>
/// FNA's super network: the seed's _stem and stage widths, each stage <see cref="SuperNetworkSpace.AddedLayers"/>
/// layers deeper, every layer a <see cref="MixedLayer"/> with its own architecture parameters α (a logit per
/// candidate, starting equal). <see cref="UsePath"/> makes <see cref="Forward"/> run one candidate per layer;
/// <see cref="UseMixture"/> runs every layer's softmax(α)-weighted mixture.
/// </summary>
public sealed class SuperChain : nn.Module<Tensor, Tensor[]>, IBackbone
{
    private readonly Stem _stem;
    private readonly ModuleList<ModuleList<MixedLayer>> _stages = new();
    private readonly List<Parameter> _alphas = [];
    private IReadOnlyList<IReadOnlyList<int>>? _path;

    public SuperChain(ChainArchitecture seed, SuperNetworkSpace space) : base(nameof(SuperChain))
    {
        TorchEnvironment.EnsureAvailable();
        Seed = seed.Validated();
        Space = space;
        _stem = new Stem(seed.InputChannels, seed.StemChannels);
        var levels = new List<FeatureLevel> { new(seed.StemChannels, 1) };
        var (width, stride) = (seed.StemChannels, 1);
        foreach (var stage in seed.Stages)
        {
            var layers = new ModuleList<MixedLayer>();
            for (var i = 0; i < stage.Blocks.Count + space.AddedLayers; i++)
            {
                var candidates = space.Candidates(skippable: i > 0);
                layers.Add(new MixedLayer(width, stage.Channels, i == 0 ? stage.Stride : 1, candidates));
                _alphas.Add(new Parameter(zeros(candidates.Count)));
                width = stage.Channels;
            }

            stride *= stage.Stride;
            _stages.Add(layers);
            levels.Add(new FeatureLevel(stage.Channels, stride));
        }

        Features = new FeatureSpec(levels);
        register_module("stem", _stem);
        register_module("stages", _stages);
        for (var i = 0; i < _alphas.Count; i++)
        {
            register_parameter($"alpha_{i}", _alphas[i]);
        }
    }

    public ChainArchitecture Seed { get; }

    public SuperNetworkSpace Space { get; }

    public FeatureSpec Features { get; }

    public nn.Module Module => this;

    public nn.Module StemModule => _stem;

    /// <summary>Every layer, stage by stage (α's order).</summary>
    public IReadOnlyList<MixedLayer> Layers => _stages.SelectMany(s => s).ToList();

    public IReadOnlyList<IReadOnlyList<MixedLayer>> Stages => _stages.Select(s => (IReadOnlyList<MixedLayer>)s.ToList()).ToList();

    /// <summary>α of each layer, in <see cref="Layers"/>' order.</summary>
    public IReadOnlyList<Parameter> Alphas => _alphas;

    /// <summary>Every parameter but α: what weight steps train.</summary>
    public IReadOnlyList<Parameter> Weights => named_parameters().Where(p => !p.name.StartsWith("alpha_", StringComparison.Ordinal)).Select(p => p.parameter).ToList();

    /// <summary>From now on each layer runs the candidate <paramref name="path"/>[s][i] names.</summary>
    public void UsePath(IReadOnlyList<IReadOnlyList<int>> path)
    {
        if (path.Count != _stages.Count || path.Zip(_stages).Any(p => p.First.Count != p.Second.Count))
        {
            throw new ArgumentException("A path names one candidate for every layer of every stage.", nameof(path));
        }

        _path = path;
    }

    /// <summary>From now on each layer runs its softmax(α)-weighted mixture.</summary>
    public void UseMixture() => _path = null;

    /// <summary>softmax(α) of each layer.</summary>
    public IReadOnlyList<Tensor> Probabilities() => _alphas.Select(a => nn.functional.softmax(a, 0)).ToList();

    /// <summary>The architecture α prefers: each layer's most probable candidate (the first on a tie).</summary>
    public ChainArchitecture Derive()
    {
        using var noGrad = no_grad();
        return Derive(_alphas.Select(a =>
        {
            var logits = a.OnCpu().data<float>().ToArray();
            return Array.IndexOf(logits, logits.Max());
        }).ToList());
    }

    /// <summary>The architecture with candidate <paramref name="choices"/>[i] at layer i (in <see cref="Layers"/>' order).</summary>
    public ChainArchitecture Derive(IReadOnlyList<int> choices)
    {
        if (choices.Count != _alphas.Count)
        {
            throw new ArgumentException($"A derivation names one candidate for each of the {_alphas.Count} layers, not {choices.Count}.", nameof(choices));
        }

        var layers = new List<IReadOnlyList<LayerOp>>();
        var index = 0;
        foreach (var stage in _stages)
        {
            layers.Add(stage.Select(layer => layer.Candidates[choices[index++]]).ToList());
        }

        return Seed.WithLayers(layers).Validated();
    }

    public Tensor[] Forward(Tensor images) => call(images);

    public override Tensor[] forward(Tensor images)
    {
        var x = _stem.call(images);
        var features = new List<Tensor> { x };
        var probabilities = _path is null ? Probabilities() : null;
        var index = 0;
        for (var s = 0; s < _stages.Count; s++)
        {
            for (var i = 0; i < _stages[s].Count; i++, index++)
            {
                x = probabilities is null ? _stages[s][i].ForwardPath(x, _path![s][i]) : _stages[s][i].ForwardMixed(x, probabilities[index]);
            }

            features.Add(x);
        }

        return [.. features];
    }
}
