using System.CommandLine;
using NasPipeline.TorchRuntime;

namespace NasPipeline.Cli.CommandLine;

/// <summary><c>--device cpu|cuda</c>, on every command that trains or scores with libtorch.</summary>
public static class DeviceOption
{
    // Nullable with no default value: help would print the enum's name ("[default: Cpu]"); the description says it.
    public static Option<TorchDeviceKind?> Create() => new("--device")
    {
        Description = "Where libtorch trains and scores: cpu (default) or cuda (an NVIDIA GPU; needs a build with -p:TorchBackend=cuda).",
        HelpName = "cpu|cuda",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (TorchDevices.Parse(text) is { } kind)
            {
                return kind;
            }

            result.AddError($"--device must be {TorchDevices.Names}, not '{text}'.");
            return TorchDeviceKind.Cpu;
        },
    };

    /// <summary>The command's <c>--device</c>, when it has one.</summary>
    public static TorchDeviceKind? Of(ParseResult parse) =>
        parse.CommandResult.Command.Options.OfType<Option<TorchDeviceKind?>>().FirstOrDefault() is { } option ? parse.GetValue(option) ?? TorchDeviceKind.Cpu : null;
}
