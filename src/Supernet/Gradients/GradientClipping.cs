using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Gradients;

/// <summary>Global L2-norm clipping over every parameter's gradient, summed in double so the result does not depend on tensor order.</summary>
public static class GradientClipping
{
    /// <summary>Scales all gradients by <c>maxNorm / norm</c> when their global norm exceeds <paramref name="maxNorm"/>; returns the norm before.</summary>
    public static double ClipGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        var gradients = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        double squared = 0;
        foreach (var gradient in gradients)
        {
            using var scope = NewDisposeScope();
            var g = gradient.to_type(ScalarType.Float64).flatten();
            squared += g.dot(g).item<double>();
        }

        var norm = Math.Sqrt(squared);
        if (maxNorm > 0 && norm > maxNorm)
        {
            using var _ = no_grad();
            using var factor = (maxNorm / norm).ToScalar();
            foreach (var gradient in gradients)
            {
                gradient.mul_(factor);
            }
        }

        return norm;
    }
}
