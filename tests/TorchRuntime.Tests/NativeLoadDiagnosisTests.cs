using System.Runtime.InteropServices;
using Xunit;

namespace NasPipeline.TorchRuntime.Tests;

/// <summary>The failure the build's patch prevents, reproduced with an unpatched copy from the
/// NuGet cache: the diagnosis must name the missing libstdc++ version, not TorchSharp's generic
/// "missing package reference" text.</summary>
public sealed class NativeLoadDiagnosisTests
{
    [Fact]
    public void Unpatched_library_is_explained_by_the_missing_GLIBCXX_version()
    {
        var pristine = PristineLibrary();
        if (pristine is null || SystemLibstdcxxHas("GLIBCXX_3.4.32"))
        {
            return; // Not linux-x64, no NuGet cache copy, or a libstdc++ that loads it unpatched.
        }

        // The copy finds its dependencies (libtorch.so, libc10.so) only by soname, so they must be resident
        // already: load the patched library first, or the first failure would be the missing libtorch.so.
        using (var warm = TorchSharp.torch.zeros(1))
        {
            Assert.Equal(1, warm.numel());
        }

        // A copy in a folder of its own, so dlopen treats it as a new object, not the patched one.
        var folder = Directory.CreateTempSubdirectory("nas-torch-unpatched-");
        try
        {
            var copy = Path.Combine(folder.FullName, "libLibTorchSharp.so");
            File.Copy(pristine, copy);

            var reason = NativeLoadDiagnosis.Explain(copy, new NotSupportedException("generic TorchSharp text"));

            Assert.Contains("GLIBCXX_3.4.32", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("generic TorchSharp text", reason, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_library_is_reported_as_missing()
    {
        var reason = NativeLoadDiagnosis.Explain(null, new NotSupportedException("first line\nsecond line"));

        Assert.Contains("not in the application folder", reason, StringComparison.Ordinal);
        Assert.Contains("first line", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("second line", reason, StringComparison.Ordinal);
    }

    private static string? PristineLibrary()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return null;
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var version = typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3);
        var path = Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }

    private static bool SystemLibstdcxxHas(string version)
    {
        var candidates = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" };
        var library = candidates.FirstOrDefault(File.Exists);
        if (library is null)
        {
            return true; // Unknown layout: do not claim the failure would reproduce.
        }

        var needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(library).AsSpan().IndexOf(needle) >= 0;
    }
}
