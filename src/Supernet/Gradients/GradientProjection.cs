using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Gradients;

/// <summary>
/// NASViT's gradient projection: the subnets' gradient is scaled up where it would cancel the supernet's, per
/// parameter tensor, <c>g = (1 + x) g_sub + g_sup</c> with <c>x = clamp(-&lt;g_sub, g_sup&gt; / |g_sub|^2, 0, 2)</c>.
/// </summary>
public static class GradientProjection
{
    /// <summary>Below this squared norm the subnet gradient is treated as zero (x = 0), so the ratio never divides by ~0.</summary>
    public const double ZeroNormSquared = 1e-24;

    public const double MaxCoefficient = 2.0;

    /// <summary>The coefficient x for one parameter tensor.</summary>
    public static double Coefficient(Tensor subnetGradient, Tensor supernetGradient)
    {
        using var scope = NewDisposeScope();
        var sub = subnetGradient.to_type(ScalarType.Float64).flatten();
        var sup = supernetGradient.to_type(ScalarType.Float64).flatten();
        var normSquared = sub.dot(sub).item<double>();
        if (normSquared < ZeroNormSquared)
        {
            return 0.0;
        }

        var x = -sub.dot(sup).item<double>() / normSquared;
        return Math.Clamp(x, 0.0, MaxCoefficient);
    }

    /// <summary>The combined gradient for one parameter tensor, a new tensor of the inputs' shape and type.</summary>
    public static Tensor Combine(Tensor subnetGradient, Tensor supernetGradient)
    {
        using var factor = (1.0 + Coefficient(subnetGradient, supernetGradient)).ToScalar();
        return subnetGradient.mul(factor).add_(supernetGradient, HeldScalars.One);
    }

    /// <summary>
    /// The same combination done in place on an accumulated gradient <c>g_sub + g_sup</c> (how autograd leaves it when
    /// every subnet's loss is back-propagated into the same buffers): adds <c>x g_sub</c>. Returns x.
    /// </summary>
    public static double ApplyInPlace(Tensor accumulatedGradient, Tensor supernetGradient)
    {
        using var scope = NewDisposeScope();
        var subnetGradient = accumulatedGradient.sub(supernetGradient);
        var x = Coefficient(subnetGradient, supernetGradient);
        if (x > 0)
        {
            using var alpha = x.ToScalar();
            accumulatedGradient.add_(subnetGradient, alpha);
        }

        return x;
    }
}
