using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>
/// Batch norm over the first channels of its largest width, running statistics included. A null
/// <see cref="Momentum"/> makes the running statistics a cumulative average over the batches seen since the last
/// <see cref="ResetRunningStats"/>, which is what BN recalibration of a subnet wants.
/// </summary>
public sealed class ElasticBatchNorm2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private readonly Tensor _runningMean;
    private readonly Tensor _runningVar;
    private readonly Tensor _batchesTracked;

    public ElasticBatchNorm2d(int maxChannels, double eps = 1e-5)
        : base(nameof(ElasticBatchNorm2d))
    {
        MaxChannels = maxChannels;
        Eps = eps;
        _weight = Init.Constant(maxChannels, 1.0);
        _bias = Init.Constant(maxChannels, 0.0);
        _runningMean = zeros(maxChannels);
        _runningVar = ones(maxChannels);
        _batchesTracked = zeros(1, ScalarType.Int64);
        register_parameter("weight", _weight);
        register_parameter("bias", _bias);
        register_buffer("running_mean", _runningMean);
        register_buffer("running_var", _runningVar);
        register_buffer("num_batches_tracked", _batchesTracked);
    }

    public int MaxChannels { get; }

    public Parameter Weight => _weight;

    public double Eps { get; }

    /// <summary>Exponential-average factor for the running statistics; null = cumulative average.</summary>
    public double? Momentum { get; set; } = 0.1;

    public void ResetRunningStats()
    {
        using var _ = no_grad();
        _runningMean.zero_();
        _runningVar.fill_(HeldScalars.One);
        _batchesTracked.zero_();
    }

    public override Tensor forward(Tensor input)
    {
        var channels = input.shape[1];
        var momentum = 0.0;
        if (training)
        {
            using var _ = no_grad();
            _batchesTracked.add_(HeldScalars.One, HeldScalars.One); // explicit alpha: add_(Scalar) would pass a temporary one
            momentum = Momentum ?? 1.0 / _batchesTracked.item<long>();
        }

        // Narrowed running statistics are views: batch_norm's in-place update lands in the first channels of the buffers.
        return nn.functional.batch_norm(
            input,
            _runningMean.narrow(0, 0, channels),
            _runningVar.narrow(0, 0, channels),
            _weight.narrow(0, 0, channels),
            _bias.narrow(0, 0, channels),
            training,
            momentum,
            Eps);
    }
}
