using System.Runtime.InteropServices;
using Xunit;

namespace NasPipeline.TorchRuntime.Tests;

/// <summary>The build references the host's libtorch package only (eng/torch/Torch.targets): with
/// TorchSharp-cpu every torch project carried libtorch for three platforms, 1.1 GB of bin/ each, and a
/// CI machine ran out of disk.</summary>
public sealed class HostOnlyLibtorchTests
{
    private static readonly string Runtimes = Path.Combine(AppContext.BaseDirectory, "runtimes");

    [Fact]
    public void Output_carries_libtorch_for_the_build_host_only()
    {
        if (RuntimeInformation.RuntimeIdentifier != "linux-x64")
        {
            return; // The host package differs elsewhere; this checks the CI's platform.
        }

        var libtorch = Directory.EnumerateFiles(Runtimes, "*torch_cpu*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Runtimes, path).Replace('\\', '/'))
            .ToList();

        Assert.Equal(["linux-x64/native/libtorch_cpu.so"], libtorch);
    }
}
