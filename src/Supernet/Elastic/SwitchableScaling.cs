using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>
/// NASViT's switchable scaling: a learnable per-channel scale kept separately for each configuration a layer can
/// take (here its width and MLP ratio), so subnets that share weights need not share the branch's output scale.
/// Scales act on the last dimension (tokens [.., C]). Parameters are named by configuration key, so an extracted
/// subnet inherits exactly its own configuration's scale.
/// </summary>
public sealed class SwitchableScaling : nn.Module<Tensor, Tensor>
{
    private readonly Dictionary<string, Parameter> _scales = new(StringComparer.Ordinal);

    public SwitchableScaling(IEnumerable<(string Key, int Channels)> configurations, double initial = 1.0)
        : base(nameof(SwitchableScaling))
    {
        foreach (var (key, channels) in configurations)
        {
            var scale = Init.Constant(channels, initial);
            _scales.Add(key, scale);
            register_parameter($"scale_{key}", scale);
        }

        ActiveKey = _scales.Keys.First();
    }

    public IReadOnlyCollection<string> Keys => _scales.Keys;

    public IEnumerable<Parameter> Scales => _scales.Values;

    public string ActiveKey { get; set; }

    public override Tensor forward(Tensor input) => input.mul(_scales[ActiveKey]);
}
