using NasPipeline.Vision.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Backbone;

/// <summary>A submitted network as a task backbone: task images are adapted (<see cref="InputAdaptation"/>) and the
/// network's values at <see cref="Taps"/> are the feature levels, finest first, with strides w.r.t. the task's images
/// (a network fed 28-px images resized to 224 reads its stride-16 map as stride 2), so every task head reads it as it
/// reads a supernet.</summary>
public sealed class OnnxBackbone : IBackbone
{
    private readonly OnnxNetwork _network;
    private readonly string _input;

    private OnnxBackbone(OnnxNetwork network, InputAdaptation input, IReadOnlyList<FeatureTap> taps)
    {
        _network = network;
        _input = network.InputNames.Single();
        Input = input;
        Taps = taps;
        Features = new FeatureSpec(taps.Select(t => new FeatureLevel(t.Channels, t.Stride)).ToList());
    }

    public InputAdaptation Input { get; }

    public IReadOnlyList<FeatureTap> Taps { get; }

    public FeatureSpec Features { get; }

    public nn.Module Module => _network;

    /// <summary>Decides the input policy from the network's declared input and the taps from a traced pass on one blank
    /// task image.</summary>
    public static OnnxBackbone Create(OnnxNetwork network, IReadOnlyList<long> declaredInput, int taskChannels, int taskSize, int levels = 4)
    {
        if (network.InputNames.Count != 1)
        {
            throw new OnnxNetworkException($"A backbone reads one image input; the network has {network.InputNames.Count} ({string.Join(", ", network.InputNames)}).");
        }

        var input = InputAdaptation.Choose(declaredInput, taskChannels, taskSize);
        using var scope = NewDisposeScope();
        var blank = input.Apply(zeros(1, taskChannels, taskSize, taskSize));
        var trace = network.Trace(new Dictionary<string, Tensor> { [network.InputNames[0]] = blank });
        return new OnnxBackbone(network, input, FeatureTaps.Choose(trace, network.InputNames[0], taskSize, levels));
    }

    public Tensor[] Forward(Tensor images)
    {
        var values = _network.Run(new Dictionary<string, Tensor> { [_input] = Input.Apply(images) }, Taps.Select(t => t.Value).ToList());
        return Taps.Select(t => values[t.Value]).ToArray();
    }
}
