using Xunit;

namespace NasPipeline.TorchRuntime.Tests;

public sealed class NativeHeapTests
{
    [Fact]
    public void Glibc_takes_the_fixed_mmap_threshold_on_linux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.FixMmapThreshold());
    }

    [Fact]
    public void A_threshold_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NativeHeap.FixMmapThreshold(0));
}
