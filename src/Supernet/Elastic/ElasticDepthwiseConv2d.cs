using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>Depthwise convolution with an elastic kernel (centre of the largest) over however many channels come in.</summary>
public sealed class ElasticDepthwiseConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight;

    public ElasticDepthwiseConv2d(int maxChannels, int maxKernel, int stride, Generator generator)
        : base(nameof(ElasticDepthwiseConv2d))
    {
        TorchEnvironment.EnsureAvailable();
        MaxChannels = maxChannels;
        MaxKernel = maxKernel;
        Stride = stride;
        ActiveKernel = maxKernel;
        _weight = Init.KaimingFanOut([maxChannels, 1, maxKernel, maxKernel], (long)maxKernel * maxKernel, generator);
        register_parameter("weight", _weight);
    }

    public int MaxChannels { get; }

    public int MaxKernel { get; }

    public int Stride { get; }

    public int ActiveKernel { get; set; }

    public override Tensor forward(Tensor input)
    {
        var channels = input.shape[1];
        var weight = Kernels.Centre(_weight.narrow(0, 0, channels), ActiveKernel);
        return nn.functional.conv2d(input, weight, null, strides: [Stride, Stride], padding: [ActiveKernel / 2, ActiveKernel / 2], groups: channels);
    }
}
