using Microsoft.Extensions.Configuration;
using NasPipeline.Hosting;
using NasPipeline.TorchRuntime;

namespace NasPipeline.TorchHosting;

/// <summary>
/// <c>Torch__Device</c> (cpu, the default, or cuda) for a stage that trains or scores with libtorch. Applied while the
/// host is built, so a stage told to use a GPU it cannot reach stops at start with the reason and the remedy (exit 2),
/// not at its first message.
/// </summary>
public static class TorchDeviceSetting
{
    public const string Key = "Torch:Device";

    public static TorchDeviceKind Apply(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TorchDeviceKind.Cpu;
        }

        var kind = TorchDevices.Parse(text) ?? throw new PipelineConfigurationException($"Torch__Device must be {TorchDevices.Names}, not '{text}'.");
        if (kind == TorchDeviceKind.Cuda)
        {
            try
            {
                TorchEnvironment.Initialise(new TorchOptions { Device = kind });
            }
            catch (TorchUnavailableException e)
            {
                throw new PipelineConfigurationException($"Torch__Device=cuda: {e.Message}");
            }
        }

        return kind;
    }
}
