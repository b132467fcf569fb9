using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.TorchRuntime.Training;

/// <summary>
/// SGD with momentum and L2 weight decay, PyTorch's update: <c>g += wd p; b = g</c> on a parameter's first step, then
/// <c>b = m b + g</c>; <c>p -= lr b</c> (<c>p -= lr g</c> when the momentum is 0). Not TorchSharp's optim.SGD, for the
/// same reason as <see cref="AdamOptimizer"/>.
/// </summary>
public sealed class MomentumSgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum, double weightDecay = 0) : IParameterOptimizer
{
    private readonly Tensor?[] _buffers = new Tensor?[parameters.Count];

    public double LearningRate { get; set; } = learningRate;

    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var parameter in parameters)
        {
            parameter.grad?.zero_();
        }
    }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var decay = weightDecay.ToScalar();
        using var beta = momentum.ToScalar();
        using var negativeRate = (-LearningRate).ToScalar();
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].grad is not { } grad)
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
                buffer.mul_(beta).add_(grad, HeldScalars.One);
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
