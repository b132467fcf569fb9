using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Training;

/// <summary>
/// Adam with decoupled weight decay (AdamW, Loshchilov and Hutter). Written out so every Scalar it passes to
/// native code is held for the whole call (see <see cref="HeldScalars"/>).
/// </summary>
public sealed class AdamOptimizer(IReadOnlyList<Parameter> parameters, double learningRate, double weightDecay = 0, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IDisposable
{
    private readonly Tensor[] _first = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    private readonly Tensor[] _second = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    private int _step;

    /// <summary>Settable so a schedule (e.g. cosine decay) can drive it step by step.</summary>
    public double LearningRate { get; set; } = learningRate;

    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            p.grad?.zero_();
        }
    }

    public void Step()
    {
        _step++;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var b1 = beta1.ToScalar();
        using var b2 = beta2.ToScalar();
        using var oneMinusB1 = (1 - beta1).ToScalar();
        using var oneMinusB2 = (1 - beta2).ToScalar();
        using var decay = (1 - (LearningRate * weightDecay)).ToScalar();
        using var correction2 = (1 - Math.Pow(beta2, _step)).ToScalar();
        using var eps = epsilon.ToScalar();
        using var stepSize = (-LearningRate / (1 - Math.Pow(beta1, _step))).ToScalar();
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.grad is not { } g)
            {
                continue;
            }

            _first[i].mul_(b1).add_(g, oneMinusB1);
            _second[i].mul_(b2).addcmul_(g, g, oneMinusB2);
            var denominator = _second[i].div(correction2).sqrt_().add_(eps, HeldScalars.One);
            if (weightDecay != 0)
            {
                p.mul_(decay);
            }

            p.addcdiv_(_first[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var t in _first.Concat(_second))
        {
            t.Dispose();
        }
    }
}
