using NasPipeline.OnnxNetworks;
using NasPipeline.OnnxNetworks.Backbone;
using NasPipeline.Vision.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Networks;

/// <summary>A network whose first output is already the task's prediction (<see cref="Vision.Tasks.IReadsNetworkOutput"/>):
/// its one "feature level" is that output, and <see cref="NetworkOutputHead"/> passes it on.</summary>
internal sealed class NetworkOutputBackbone(OnnxNetwork network, InputAdaptation input, int outputWidth) : IBackbone
{
    private readonly string _input = network.InputNames.Single();
    private readonly string _output = network.OutputNames[0];

    public FeatureSpec Features { get; } = new([new FeatureLevel(outputWidth, 1)]);

    public nn.Module Module => network;

    public Tensor[] Forward(Tensor images) => [network.Run(new Dictionary<string, Tensor> { [_input] = input.Apply(images) }, [_output])[_output]];
}

/// <summary>The identity on the one level <see cref="NetworkOutputBackbone"/> hands over: no weights of its own.</summary>
internal sealed class NetworkOutputHead() : nn.Module<Tensor[], Tensor>(nameof(NetworkOutputHead))
{
    public override Tensor forward(Tensor[] features) => features[0];
}
