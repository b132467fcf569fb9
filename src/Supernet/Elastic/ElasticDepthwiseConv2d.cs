using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>
/// Depthwise convolution with an elastic kernel over however many channels come in. A smaller kernel is the centre of
/// the largest, or, once <see cref="AddKernelTransforms"/> has run, OFA's transformed centre.
/// </summary>
public sealed class ElasticDepthwiseConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    private readonly Dictionary<int, Parameter> _transforms = [];

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

    public bool HasKernelTransforms => _transforms.Count > 0;

    /// <summary>
    /// OFA's kernel transformation: each smaller odd kernel becomes the centre of the next larger effective kernel times
    /// a learned k²×k² matrix shared by the channels, so a small kernel is not forced to be the large one's centre as
    /// is. The matrices start at the identity, so the layer computes what it did before.
    /// </summary>
    public void AddKernelTransforms()
    {
        if (HasKernelTransforms)
        {
            throw new InvalidOperationException("This layer already has its kernel transforms.");
        }

        for (var kernel = MaxKernel - 2; kernel >= 1; kernel -= 2)
        {
            var transform = new Parameter(eye(kernel * kernel, dtype: _weight.dtype, device: _weight.device));
            register_parameter($"transform{kernel}", transform);
            _transforms[kernel] = transform;
        }
    }

    /// <summary>The [channels, 1, kernel, kernel] weight the layer convolves with at that configuration.</summary>
    public Tensor Weight(long channels, int kernel)
    {
        var weight = _weight.narrow(0, 0, channels);
        if (!HasKernelTransforms)
        {
            return Kernels.Centre(weight, kernel);
        }

        Kernels.Validate(MaxKernel, kernel);
        for (var size = MaxKernel - 2; size >= kernel; size -= 2)
        {
            weight = Kernels.Centre(weight, size).reshape(channels, size * size).matmul(_transforms[size]).reshape(channels, 1, size, size);
        }

        return weight;
    }

    public override Tensor forward(Tensor input)
    {
        var channels = input.shape[1];
        return nn.functional.conv2d(input, Weight(channels, ActiveKernel), null, strides: [Stride, Stride], padding: [ActiveKernel / 2, ActiveKernel / 2], groups: channels);
    }
}
