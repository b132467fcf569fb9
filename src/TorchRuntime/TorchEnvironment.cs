using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.TorchRuntime;

/// <summary>The process's libtorch setup: which device tensors go to and how many CPU threads
/// kernels use. Thread count and device are process-wide in libtorch, so there is one of these
/// per process, created by <see cref="Initialise"/>.</summary>
public sealed class TorchEnvironment
{
    private const string Remedy =
        "Rebuild on Linux x64 with patchelf and g++ installed (sudo apt-get install patchelf g++), " +
        "e.g. 'dotnet build', so the build patches libLibTorchSharp.so for this libstdc++; run the " +
        "app from its build or publish output, not from a copy made without the patch. See eng/torch/README.md.";

    private static readonly Lock InitLock = new();
    private static bool Available;

    /// <summary>Whether MKL took the reproducible mode (see <see cref="MklReproducibility"/>): false only when something
    /// multiplied matrices before <see cref="EnsureAvailable"/>, so the same inputs may not give the same bits.</summary>
    public static bool ReproducibleBlas { get; private set; } = true;

    private TorchEnvironment(string torchVersion, string torchSharpVersion, Device device, int threads)
    {
        TorchVersion = torchVersion;
        TorchSharpVersion = torchSharpVersion;
        Device = device;
        Threads = threads;
    }

    /// <summary>libtorch's version, e.g. 2.10.0.</summary>
    public string TorchVersion { get; }

    public string TorchSharpVersion { get; }

    /// <summary>The device new tensors should be created on.</summary>
    public Device Device { get; }

    /// <summary>Intra-op CPU threads libtorch uses now.</summary>
    public int Threads { get; }

    /// <summary>One line for logs and the CLI banner.</summary>
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"torch {TorchVersion} (TorchSharp {TorchSharpVersion}), device {Device}, {Threads} threads{(ReproducibleBlas ? "" : ", MKL not in its reproducible mode (it multiplied before setup)")}");

    public override string ToString() => Description;

    /// <summary>Loads libtorch and applies <paramref name="options"/>.</summary>
    /// <exception cref="TorchUnavailableException">The native library does not load, or CUDA was
    /// asked for and is not there.</exception>
    public static TorchEnvironment Initialise(TorchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be positive, or null for libtorch's default.");
        }

        EnsureAvailable();
        var device = ChooseDevice(options.Device);
        // Every factory (tensor(array), zeros, randn) and every module's parameters then land on the device, so the
        // training and scoring code needs no device argument of its own; reads go through cpu() before data<T>().
        set_default_device(device);
        if (options.Threads is { } threads)
        {
            set_num_threads(threads);
        }

        return new TorchEnvironment(
            Version.TryParse(__version__, out var version) ? version.ToString(3) : __version__,
            typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            device,
            get_num_threads());
    }

    /// <summary>Makes sure libLibTorchSharp.so and libtorch load in this process, so a broken
    /// install fails here with a message that says what to do, not at the first tensor, puts MKL in its reproducible
    /// mode (see <see cref="MklReproducibility"/>) and turns libtorch's oneDNN and NNPACK backends off (see <see cref="OneDnn"/>,
    /// <see cref="Nnpack"/>).
    /// Every module that convolves or multiplies calls it.</summary>
    /// <exception cref="TorchUnavailableException">They do not load.</exception>
    public static void EnsureAvailable()
    {
        lock (InitLock)
        {
            if (Available)
            {
                return;
            }

            try
            {
                // Loads the native libraries and throws when they cannot be; a first tensor
                // proves the entry points resolve too.
                InitializeDeviceType(DeviceType.CPU);
                if (OperatingSystem.IsLinux())
                {
                    // Before anything multiplies: MKL fixes its mode at its first product.
                    ReproducibleBlas = MklReproducibility.Configure();
                }

                using var probe = ones(1);
                if (OperatingSystem.IsLinux())
                {
                    OneDnn.Configure();
                    Nnpack.Configure();
                }

                Available = true;
            }
            catch (Exception ex) when (ex is NotSupportedException or DllNotFoundException or EntryPointNotFoundException
                                           or BadImageFormatException or TypeInitializationException)
            {
                throw new TorchUnavailableException(
                    $"libtorch could not be loaded through TorchSharp's libLibTorchSharp.so: {NativeLoadDiagnosis.Explain(ex)} {Remedy}",
                    ex);
            }
        }
    }

    private static bool CudaLibraryPresent() =>
        System.Runtime.InteropServices.NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "torch_cuda.dll" : "libtorch_cuda.so", typeof(torch).Assembly, null, out _);

    private static Device ChooseDevice(TorchDeviceKind kind)
    {
        switch (kind)
        {
            case TorchDeviceKind.Cpu:
                return CPU;
            case TorchDeviceKind.Cuda when cuda.is_available():
                return CUDA;
            case TorchDeviceKind.Cuda:
                throw new TorchUnavailableException(TorchDevices.CudaMissing(CudaLibraryPresent()));
            default:
                return cuda.is_available() ? CUDA : CPU;
        }
    }
}
