using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>ONNX's padding of convolutions and pools (explicit <c>pads</c> or <c>auto_pad</c>), resolved for one input:
/// symmetric padding goes to the torch call; anything else is applied first with <see cref="Apply"/>.</summary>
internal sealed record SpatialPadding(long[] Begin, long[] End)
{
    public bool IsSymmetric => Begin.SequenceEqual(End);

    public bool IsZero => Begin.All(p => p == 0) && End.All(p => p == 0);

    public static SpatialPadding Resolve(OperatorCall call, long[] spatial, long[] kernel, long[] strides, long[] dilations)
    {
        var rank = spatial.Length;
        var autoPad = call.String("auto_pad", "NOTSET");
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            var begin = new long[rank];
            var end = new long[rank];
            for (var i = 0; i < rank; i++)
            {
                var output = (spatial[i] + strides[i] - 1) / strides[i];
                var total = Math.Max(0, ((output - 1) * strides[i]) + ((kernel[i] - 1) * dilations[i]) + 1 - spatial[i]);
                var small = total / 2;
                (begin[i], end[i]) = autoPad == "SAME_UPPER" ? (small, total - small) : (total - small, small);
            }

            return new SpatialPadding(begin, end);
        }

        if (autoPad == "VALID")
        {
            return new SpatialPadding(new long[rank], new long[rank]);
        }

        var pads = call.Ints("pads") ?? new long[2 * rank];
        return pads.Length == 2 * rank
            ? new SpatialPadding(pads[..rank], pads[rank..])
            : throw call.Refuse($"pads has {pads.Length} values for {rank} spatial axes.");
    }

    /// <summary>The input padded explicitly (torch's pad lists the last axis first).</summary>
    public Tensor Apply(Tensor input, double value)
    {
        var torchPads = new long[2 * Begin.Length];
        for (var i = 0; i < Begin.Length; i++)
        {
            var axis = Begin.Length - 1 - i;
            torchPads[2 * i] = Begin[axis];
            torchPads[(2 * i) + 1] = End[axis];
        }

        return nn.functional.pad(input, torchPads, PaddingModes.Constant, value);
    }
}
