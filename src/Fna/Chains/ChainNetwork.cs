using NasPipeline.TorchRuntime;
using NasPipeline.Vision.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Chains;

/// <summary>
/// A chain architecture as a trainable backbone: the seed network FNA starts from, or the network its architecture
/// adaptation derives. Skipped layers have no module; <see cref="Blocks"/>[s][i] is stage s's i-th computing block.
/// </summary>
public sealed class ChainNetwork : nn.Module<Tensor, Tensor[]>, IBackbone
{
    private readonly Stem _stem;
    private readonly ModuleList<ModuleList<MbConvLayer>> _stages = new();

    public ChainNetwork(ChainArchitecture architecture) : base(nameof(ChainNetwork))
    {
        TorchEnvironment.EnsureAvailable();
        Architecture = architecture.Validated();
        _stem = new Stem(architecture.InputChannels, architecture.StemChannels);
        var levels = new List<FeatureLevel> { new(architecture.StemChannels, 1) };
        var (width, stride) = (architecture.StemChannels, 1);
        foreach (var stage in architecture.Stages)
        {
            var blocks = new ModuleList<MbConvLayer>();
            foreach (var op in stage.Blocks)
            {
                blocks.Add(new MbConvLayer(width, stage.Channels, op, blocks.Count == 0 ? stage.Stride : 1));
                width = stage.Channels;
            }

            stride *= stage.Stride;
            _stages.Add(blocks);
            levels.Add(new FeatureLevel(stage.Channels, stride));
        }

        Features = new FeatureSpec(levels);
        register_module("stem", _stem);
        register_module("stages", _stages);
    }

    public ChainArchitecture Architecture { get; }

    public FeatureSpec Features { get; }

    public nn.Module Module => this;

    public nn.Module StemModule => _stem;

    public IReadOnlyList<IReadOnlyList<MbConvLayer>> Blocks => _stages.Select(s => (IReadOnlyList<MbConvLayer>)s.ToList()).ToList();

    public Tensor[] Forward(Tensor images) => call(images);

    public override Tensor[] forward(Tensor images)
    {
        var x = _stem.call(images);
        var features = new List<Tensor> { x };
        foreach (var stage in _stages)
        {
            foreach (var block in stage)
            {
                x = block.call(x);
            }

            features.Add(x);
        }

        return [.. features];
    }
}
