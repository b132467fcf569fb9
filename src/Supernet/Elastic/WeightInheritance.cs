using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Elastic;

/// <summary>
/// Copies a supernet's weights into a smaller network of the same module layout: every tensor takes the first
/// entries of each dimension, except the two spatial dimensions of a 4-D kernel, which take the centre (the same
/// rule the elastic layers apply at run time, so the copy computes what the active supernet computes). A depthwise
/// layer with kernel transforms gives its transformed kernel instead, since its centre is not what it convolves with.
/// </summary>
public static class WeightInheritance
{
    public static void Copy(nn.Module source, nn.Module target)
    {
        var sources = source.state_dict();
        using var _ = no_grad();
        using var kernels = NewDisposeScope();
        var transformed = TransformedKernels(source, target);
        foreach (var (name, destination) in target.state_dict())
        {
            if (!sources.TryGetValue(name, out var origin))
            {
                throw new InvalidOperationException($"The supernet has no tensor '{name}' to inherit.");
            }

            using var scope = NewDisposeScope();
            destination.copy_(transformed.TryGetValue(name, out var kernel) ? kernel : Slice(origin, destination.shape));
        }
    }

    /// <summary>The effective kernels of the source's transformed depthwise layers, at the target layers' sizes, by weight name.</summary>
    private static Dictionary<string, Tensor> TransformedKernels(nn.Module source, nn.Module target)
    {
        var layers = source.named_modules()
            .Where(m => m.module is ElasticDepthwiseConv2d { HasKernelTransforms: true })
            .ToDictionary(m => m.name, m => (ElasticDepthwiseConv2d)m.module);
        var kernels = new Dictionary<string, Tensor>();
        foreach (var (name, module) in target.named_modules())
        {
            if (module is ElasticDepthwiseConv2d into && layers.TryGetValue(name, out var from))
            {
                kernels[$"{name}.weight"] = from.Weight(into.MaxChannels, into.MaxKernel);
            }
        }

        return kernels;
    }

    private static Tensor Slice(Tensor origin, long[] shape)
    {
        if (origin.dim() != shape.Length)
        {
            throw new InvalidOperationException($"Rank mismatch: [{string.Join(", ", origin.shape)}] into [{string.Join(", ", shape)}].");
        }

        var sliced = origin;
        for (var d = 0; d < shape.Length; d++)
        {
            var spatial = shape.Length == 4 && d >= 2;
            var offset = spatial ? (origin.shape[d] - shape[d]) / 2 : 0;
            sliced = sliced.narrow(d, offset, shape[d]);
        }

        return sliced;
    }
}
