using System.Runtime.InteropServices;

namespace NasPipeline.TorchRuntime;

/// <summary>
/// Fixes glibc's mmap threshold for the process (<c>mallopt(M_MMAP_THRESHOLD, bytes)</c>), which also turns off its
/// dynamic adjustment. By default glibc raises the threshold to the size of each large block freed (up to 32 MB), so
/// libtorch's tensors of a few MB then come from the heap, whose freed holes the process keeps: scoring eight
/// 50,000-node graphs one by one peaked at 989 MB where the live tensors never exceeded about 300 MB. With the
/// threshold fixed, a block of <see cref="DefaultThresholdBytes"/> or more is mapped on its own and returned to the OS
/// when freed (654 MB). Blocks below it, which training's tensors mostly are, are unaffected.
/// </summary>
public static class NativeHeap
{
    public const int DefaultThresholdBytes = 4 << 20;

    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD in glibc's malloc.h

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallOpt(int parameter, int value);

    /// <summary>Returns whether glibc took the setting: false off Linux or on another C library (musl has no mallopt).</summary>
    public static bool FixMmapThreshold(int bytes = DefaultThresholdBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            return false;
        }

        return NativeLibrary.TryGetExport(libc, "mallopt", out var address)
               && Marshal.GetDelegateForFunctionPointer<MallOpt>(address)(MmapThreshold, bytes) == 1;
    }
}
