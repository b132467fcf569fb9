using System.Globalization;

namespace NasPipeline.Fna.Chains;

/// <summary>
/// A MobileNetV2-like chain: a 3x3 conv stem (stride 1), then stages of inverted residual blocks. The backbone's
/// feature levels are the stem's output and each stage's last output, finest first.
/// </summary>
public sealed record ChainArchitecture(int InputChannels, int StemChannels, IReadOnlyList<ChainStage> Stages)
{
    /// <summary>
    /// The seed of FNA's experiments scaled to 28-pixel images: MobileNetV2's blocks (3x3 depthwise, expansion 6) in
    /// four stages of two, 24/32/48/64 channels at strides 2/4/4/8.
    /// </summary>
    public static ChainArchitecture MobileNetV2Like(int inputChannels = 1, int depth = 2) => new(inputChannels, 16,
    [
        new ChainStage(24, 2, Repeat(LayerOp.MbConv(3, 6), depth)),
        new ChainStage(32, 2, Repeat(LayerOp.MbConv(3, 6), depth)),
        new ChainStage(48, 1, Repeat(LayerOp.MbConv(3, 6), depth)),
        new ChainStage(64, 2, Repeat(LayerOp.MbConv(3, 6), depth)),
    ]);

    /// <summary>The same chain with other layers: <paramref name="layers"/> per stage (stage count and widths kept).</summary>
    public ChainArchitecture WithLayers(IReadOnlyList<IReadOnlyList<LayerOp>> layers)
    {
        if (layers.Count != Stages.Count)
        {
            throw new ArgumentException($"The chain has {Stages.Count} stages; {layers.Count} layer lists were given.", nameof(layers));
        }

        return this with { Stages = Stages.Select((s, i) => s with { Layers = layers[i] }).ToList() };
    }

    /// <summary>Throws when a stage is empty or its first layer (which changes width or stride) is a skip.</summary>
    public ChainArchitecture Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(StemChannels, 1);
        for (var i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i];
            if (stage.Layers.Count == 0 || stage.Layers[0].IsSkip)
            {
                throw new ArgumentException($"Stage {i} must start with a block: its first layer changes width or stride, so it cannot be skipped.");
            }
        }

        return this;
    }

    /// <summary>"16 | 24/s2: k3e6 k3e6 | 32/s2: k5e3 skip | ...".</summary>
    public string Describe() =>
        $"{StemChannels} | " + string.Join(" | ", Stages.Select(s => $"{s.Channels}/s{s.Stride}: {string.Join(' ', s.Layers)}"));

    /// <summary>The architecture <see cref="Describe"/> wrote, for a network of <paramref name="inputChannels"/> input channels.</summary>
    public static ChainArchitecture Parse(string description, int inputChannels)
    {
        var parts = description.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var stem))
        {
            throw new FormatException($"'{description}' is not a chain: expected 'STEM | WIDTH/sSTRIDE: OPS | ...'.");
        }

        var stages = parts.Skip(1).Select(part =>
        {
            var (head, ops) = (part.Split(':', 2, StringSplitOptions.TrimEntries) is [var h, var o] ? (h, o) : throw new FormatException($"Stage '{part}' has no ':'."));
            var frame = head.Split("/s");
            if (frame.Length != 2 || !int.TryParse(frame[0], CultureInfo.InvariantCulture, out var width) || !int.TryParse(frame[1], CultureInfo.InvariantCulture, out var stride))
            {
                throw new FormatException($"Stage '{part}' does not start with WIDTH/sSTRIDE.");
            }

            return new ChainStage(width, stride, ops.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(LayerOp.Parse).ToList());
        }).ToList();
        return new ChainArchitecture(inputChannels, stem, stages).Validated();
    }

    private static List<LayerOp> Repeat(LayerOp op, int count) => Enumerable.Repeat(op, count).ToList();
}
