using NasPipeline.Supernet.Elastic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Training;

/// <summary>
/// SGD with momentum and L2 weight decay, PyTorch's update (buffer = grad on the first step, then
/// m buffer + grad). Not TorchSharp's optim.SGD: its step passes temporary Scalars (see <see cref="Scalars"/>);
/// here every Scalar is held until the native call returns. Parameters without a gradient this step are skipped.
/// </summary>
internal sealed class MomentumSgd(IReadOnlyList<Parameter> parameters, double momentum, double weightDecay) : IParameterOptimizer
{
    private readonly Tensor?[] _buffers = new Tensor?[parameters.Count];

    public double LearningRate { get; set; }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var decay = weightDecay.ToScalar();
        using var beta = momentum.ToScalar();
        using var negativeRate = (-LearningRate).ToScalar();
        for (var i = 0; i < parameters.Count; i++)
        {
            var grad = parameters[i].grad;
            if (grad is null)
            {
                continue;
            }

            if (weightDecay != 0)
            {
                grad = grad.add(parameters[i], decay);
            }

            if (_buffers[i] is not { } buffer)
            {
                _buffers[i] = grad.clone().DetachFromDisposeScope();
            }
            else
            {
                buffer.mul_(beta).add_(grad, Scalars.One);
            }

            parameters[i].add_(momentum == 0 ? grad : _buffers[i]!, negativeRate);
        }
    }

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer?.Dispose();
        }
    }
}
