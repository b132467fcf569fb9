using System.Runtime.CompilerServices;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Tests.Shared.Torch;

/// <summary>
/// Sets libtorch up before any test of the assembly runs. MKL takes its reproducible mode only before its first matrix
/// product, and xUnit shuffles the order of test classes: when a test that convolves with TorchSharp directly (a
/// remapping test, say) ran first, MKL stayed in its default mode and two identically weighted networks' final Gemm
/// differed by 5.7e-6 in that process (2 of 6 runs of OnnxNetworks.Tests; every run where that class came first).
/// </summary>
internal static class TorchBeforeAnyTest
{
#pragma warning disable CA2255 // A test assembly, not a library: it must configure libtorch before xUnit runs anything.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Configure()
    {
        TorchEnvironment.EnsureAvailable();
        if (!TorchEnvironment.ReproducibleBlas)
        {
            throw new InvalidOperationException("MKL multiplied before TorchEnvironment.EnsureAvailable(), so it is not in its reproducible mode.");
        }
    }
}
