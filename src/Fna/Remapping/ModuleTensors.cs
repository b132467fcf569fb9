using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Remapping;

/// <summary>Every parameter and buffer of a module by its dotted name ("expand.weight", "expand_bn.running_mean"):
/// what remapping and the ONNX writer address tensors by.</summary>
internal static class ModuleTensors
{
    public static Dictionary<string, Tensor> Of(nn.Module module) =>
        module.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).Concat(module.named_buffers()).ToDictionary(p => p.Item1, p => p.Item2);
}
