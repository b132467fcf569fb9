using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Backbone;

/// <summary>How a task's images [N, C, S, S] are turned into what a submitted network reads, decided once from the
/// network's declared input and recorded with the run, so a measurement says what the network was fed.</summary>
/// <param name="Channels">How the task's channels become the network's: as they are, a grey image repeated, or colour
/// averaged to grey.</param>
/// <param name="Height">The height fed to the network (the task's own size when <see cref="Resize"/> is false).</param>
/// <param name="Resize">Whether images are resized bilinearly (half-pixel centres) to Height x Width.</param>
public sealed record InputAdaptation(ChannelMapping Channels, int NetworkChannels, int Height, int Width, bool Resize)
{
    /// <summary>The policy for a network declaring <paramref name="declared"/> ([N, C, H, W]; dims not fixed are -1 or
    /// 0) and a task whose images have <paramref name="taskChannels"/> channels of side <paramref name="taskSize"/>:
    /// fixed spatial dims are met by resizing, free ones take the task's size as it is; channels are repeated (1 to
    /// C) or averaged (C to 1).</summary>
    public static InputAdaptation Choose(IReadOnlyList<long> declared, int taskChannels, int taskSize)
    {
        if (declared.Count != 4)
        {
            throw new OnnxNetworkException($"The network's input has rank {declared.Count}; an image backbone reads [N, C, H, W].");
        }

        var channels = declared[1] > 0 ? (int)declared[1] : taskChannels;
        var mapping = (taskChannels, channels) switch
        {
            var (t, n) when t == n => ChannelMapping.AsIs,
            (1, _) => ChannelMapping.Repeat,
            (_, 1) => ChannelMapping.Average,
            var (t, n) => throw new OnnxNetworkException($"The network reads {n} channels and the task's images have {t}; only 1 <-> C is adapted."),
        };
        var height = declared[2] > 0 ? (int)declared[2] : taskSize;
        var width = declared[3] > 0 ? (int)declared[3] : taskSize;
        return new InputAdaptation(mapping, channels, height, width, height != taskSize || width != taskSize);
    }

    public string Describe() =>
        $"{Channels switch { ChannelMapping.Repeat => $"grey repeated to {NetworkChannels} channels", ChannelMapping.Average => "channels averaged to grey", _ => $"{NetworkChannels} channel(s) as they are" }}, "
        + (Resize ? $"resized bilinearly to {Height}x{Width}" : $"at the task's own size");

    public Tensor Apply(Tensor images)
    {
        var mapped = Channels switch
        {
            ChannelMapping.Repeat => images.expand(images.shape[0], NetworkChannels, images.shape[2], images.shape[3]),
            ChannelMapping.Average => images.mean([1], keepdim: true),
            _ => images,
        };
        return Resize ? nn.functional.interpolate(mapped, [Height, Width], mode: InterpolationMode.Bilinear, align_corners: false) : mapped;
    }
}

/// <summary>How image channels map onto a network's input channels.</summary>
public enum ChannelMapping
{
    AsIs,
    Repeat,
    Average,
}
