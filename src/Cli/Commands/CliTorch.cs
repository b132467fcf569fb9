using NasPipeline.TorchRuntime;

namespace NasPipeline.Cli.Commands;

/// <summary>libtorch started the way the command line asked: its threads and the command's <c>--device</c>, which
/// <see cref="CommandLine.NaspCommandLine"/> sets once per process (one command runs per process).</summary>
internal static class CliTorch
{
    public static TorchDeviceKind Device { get; set; } = TorchDeviceKind.Cpu;

    public static TorchEnvironment Initialise(int? threads)
    {
        try
        {
            return TorchEnvironment.Initialise(new TorchOptions { Threads = threads, Device = Device });
        }
        catch (TorchUnavailableException e) when (Device == TorchDeviceKind.Cuda)
        {
            throw new CliUsageException($"--device cuda: {e.Message}");
        }
    }
}
