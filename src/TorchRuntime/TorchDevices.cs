namespace NasPipeline.TorchRuntime;

/// <summary>The device names users give (<c>--device</c>, <c>Torch__Device</c>) and what to do when CUDA is not there.</summary>
public static class TorchDevices
{
    public const string Names = "cpu or cuda";

    /// <summary>The remedy when CUDA was asked for: which of the two things is missing, and how to provide it.</summary>
    public static string CudaMissing(bool cudaLibraryPresent) => cudaLibraryPresent
        ? "CUDA was asked for, and this build has CUDA's libtorch, but no GPU answers (torch.cuda.is_available() is false): " +
          "check the NVIDIA driver (nvidia-smi) and that this process can see the device (CUDA_VISIBLE_DEVICES, the " +
          "container's --gpus), or use the CPU (--device cpu, Torch__Device=cpu)."
        : "CUDA was asked for, but this build's libtorch is CPU-only (libtorch-cpu). To train on an NVIDIA GPU, build with " +
          "-p:TorchBackend=cuda on a Linux x64 machine whose NuGet source serves TorchSharp-cuda-linux (restore, build and " +
          "publish alike; see eng/torch/README.md) and run it where an NVIDIA driver for CUDA 12 is installed; or use the " +
          "CPU (--device cpu, Torch__Device=cpu).";

    /// <summary>Parses cpu or cuda (any case); null for anything else.</summary>
    public static TorchDeviceKind? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "cpu" => TorchDeviceKind.Cpu,
        "cuda" => TorchDeviceKind.Cuda,
        _ => null,
    };
}
