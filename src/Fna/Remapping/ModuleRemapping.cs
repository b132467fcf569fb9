using NasPipeline.OnnxNetworks.Remapping;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Remapping;

/// <summary>
/// FNA's width and kernel rules applied to every parameter and buffer of one block, matched by name: a depthwise
/// conv's weight remaps on channels and kernel, any other conv's on both channel axes and kernel, BatchNorm's vectors
/// on channels.
/// </summary>
public static class ModuleRemapping
{
    /// <summary>Overwrites each tensor of <paramref name="target"/> with its namesake of <paramref name="source"/> remapped into its shape.</summary>
    public static void Remap(nn.Module source, nn.Module target)
    {
        var sources = ModuleTensors.Of(source);
        using var noGrad = no_grad();
        foreach (var (name, tensor) in ModuleTensors.Of(target))
        {
            if (!sources.TryGetValue(name, out var from))
            {
                throw new ArgumentException($"The source block has no '{name}' to remap from.");
            }

            using var remapped = ParameterRemapping.Remap(from, tensor, AxesOf(name, tensor));
            tensor.copy_(remapped);
        }
    }

    internal static IReadOnlyList<AxisKind> AxesOf(string name, Tensor tensor) => tensor.dim() switch
    {
        4 when name.Contains("depthwise", StringComparison.Ordinal) => ParameterRemapping.DepthwiseWeight,
        4 => ParameterRemapping.ConvWeight,
        2 => ParameterRemapping.LinearWeight,
        1 => ParameterRemapping.ChannelVector,
        _ => throw new ArgumentException($"'{name}' has rank {tensor.dim()}; remapping knows convs, linears and vectors."),
    };
}
