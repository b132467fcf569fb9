using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>Conv and ConvTranspose over 1 or 2 spatial axes, with groups, dilations, strides and any padding.</summary>
internal static class ConvolutionOperators
{
    public static Tensor[] Conv(OperatorCall call)
    {
        var (x, w, b) = (call.Input(0), call.Input(1), call.OptionalInput(2));
        var spatialRank = (int)x.dim() - 2;
        var kernel = call.Ints("kernel_shape") ?? w.shape[2..];
        var strides = call.Ints("strides") ?? Ones(spatialRank);
        var dilations = call.Ints("dilations") ?? Ones(spatialRank);
        var groups = call.Int("group", 1);
        var padding = SpatialPadding.Resolve(call, x.shape[2..], kernel, strides, dilations);
        var symmetric = padding.IsSymmetric ? padding.Begin : new long[spatialRank];
        var input = padding.IsSymmetric ? x : padding.Apply(x, 0);
        return spatialRank switch
        {
            2 => [nn.functional.conv2d(input, w, b, strides, symmetric, dilations, groups)],
            1 => [nn.functional.conv1d(input, w, b, strides[0], symmetric[0], dilations[0], groups)],
            _ => throw call.Refuse($"{spatialRank} spatial axes; the interpreter runs 1-D and 2-D convolutions."),
        };
    }

    public static Tensor[] ConvTranspose(OperatorCall call)
    {
        var (x, w, b) = (call.Input(0), call.Input(1), call.OptionalInput(2));
        var spatialRank = (int)x.dim() - 2;
        if (spatialRank != 2)
        {
            throw call.Refuse($"{spatialRank} spatial axes; the interpreter runs 2-D transposed convolutions.");
        }

        if (call.Ints("output_shape") is not null || call.String("auto_pad", "NOTSET") != "NOTSET")
        {
            throw call.Refuse("output_shape and auto_pad are not supported; give pads and output_padding.");
        }

        var strides = call.Ints("strides") ?? Ones(2);
        var dilations = call.Ints("dilations") ?? Ones(2);
        var pads = call.Ints("pads") ?? new long[4];
        var outputPadding = call.Ints("output_padding") ?? new long[2];
        if (pads[0] != pads[2] || pads[1] != pads[3])
        {
            throw call.Refuse("asymmetric pads are not supported.");
        }

        return [nn.functional.conv_transpose2d(x, w, b, strides, pads[..2], outputPadding, dilations, call.Int("group", 1))];
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
}
