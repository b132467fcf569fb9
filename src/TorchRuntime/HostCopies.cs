using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.TorchRuntime;

/// <summary>Reading a tensor's values (<c>data&lt;T&gt;()</c>) needs it in host memory; with <c>--device cuda</c> most tensors
/// are not.</summary>
public static class HostCopies
{
    /// <summary>The tensor itself when it is on the CPU (no new handle, nothing to dispose), else its copy there.</summary>
    public static Tensor OnCpu(this Tensor tensor) => tensor.device_type == DeviceType.CPU ? tensor : tensor.cpu();
}
