using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>
/// A convolution whose kernel and widths shrink at run time: the active k x k kernel is the centre of the largest
/// kernel's weight, and the active weight uses the first output and input channels (OFA's elastic kernel/width).
/// Input channels are read from the input, so the previous layer's active width carries over.
/// </summary>
public sealed class ElasticConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    private readonly Parameter? _bias;

    public ElasticConv2d(int maxIn, int maxOut, int maxKernel, int stride, bool bias, Generator generator)
        : base(nameof(ElasticConv2d))
    {
        TorchEnvironment.EnsureAvailable();
        MaxIn = maxIn;
        MaxOut = maxOut;
        MaxKernel = maxKernel;
        Stride = stride;
        ActiveOut = maxOut;
        ActiveKernel = maxKernel;
        _weight = Init.KaimingFanOut([maxOut, maxIn, maxKernel, maxKernel], (long)maxOut * maxKernel * maxKernel, generator);
        register_parameter("weight", _weight);
        if (bias)
        {
            _bias = Init.Constant(maxOut, 0.0);
            register_parameter("bias", _bias);
        }
    }

    public int MaxIn { get; }

    public int MaxOut { get; }

    public int MaxKernel { get; }

    public int Stride { get; }

    public int ActiveOut { get; set; }

    public int ActiveKernel { get; set; }

    public override Tensor forward(Tensor input)
    {
        var weight = Kernels.Centre(_weight.narrow(0, 0, ActiveOut).narrow(1, 0, input.shape[1]), ActiveKernel);
        var bias = _bias?.narrow(0, 0, ActiveOut);
        return nn.functional.conv2d(input, weight, bias, strides: [Stride, Stride], padding: [ActiveKernel / 2, ActiveKernel / 2]);
    }
}
