using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>MaxPool, AveragePool and the global pools over 2 spatial axes.</summary>
internal static class PoolingOperators
{
    public static Tensor[] MaxPool(OperatorCall call)
    {
        var x = call.Input(0);
        if (call.Node.Output.Count > 1 && call.Node.Output[1].Length > 0)
        {
            throw call.Refuse("the Indices output is not supported.");
        }

        var (kernel, strides, dilations, padding) = Window(call, x);
        var inCall = TorchTakes(padding, kernel, dilations);
        var input = inCall ? x : padding.Apply(x, double.NegativeInfinity);
        var pads = inCall ? padding.Begin : new long[2];
        return [nn.functional.max_pool2d(input, kernel, strides, pads, dilations, call.Int("ceil_mode", 0) == 1)];
    }

    public static Tensor[] AveragePool(OperatorCall call)
    {
        var x = call.Input(0);
        var (kernel, strides, dilations, padding) = Window(call, x);
        if (dilations.Any(d => d != 1))
        {
            throw call.Refuse("dilated average pooling is not supported.");
        }

        var includePad = call.Int("count_include_pad", 0) == 1;
        var ceil = call.Int("ceil_mode", 0) == 1;
        if (TorchTakes(padding, kernel, dilations))
        {
            return [nn.functional.avg_pool2d(x, kernel, strides, padding.Begin, ceil, includePad)];
        }

        // Padding torch will not take (asymmetric, or more than half the kernel): pad with zeros, average over whole
        // windows, and without count_include_pad divide by the share of each window that lies on the input.
        var unpadded = new long[2];
        var sums = nn.functional.avg_pool2d(padding.Apply(x, 0), kernel, strides, unpadded, ceil, true);
        if (includePad)
        {
            return [sums];
        }

        var coverage = nn.functional.avg_pool2d(padding.Apply(ones_like(x.narrow(1, 0, 1)), 0), kernel, strides, unpadded, ceil, true);
        return [sums.div(coverage)];
    }

    public static Tensor[] GlobalAveragePool(OperatorCall call)
    {
        var x = call.Input(0);
        return [x.mean(Enumerable.Range(2, (int)x.dim() - 2).Select(i => (long)i).ToArray(), keepdim: true)];
    }

    public static Tensor[] GlobalMaxPool(OperatorCall call)
    {
        var x = call.Input(0);
        return [x.flatten(2).amax([2], keepdim: true).unsqueeze(-1)];
    }

    /// <summary>Whether torch's pool takes the padding itself: the same on both sides and at most half the window.</summary>
    private static bool TorchTakes(SpatialPadding padding, long[] kernel, long[] dilations) =>
        padding.IsSymmetric && padding.Begin.Select((p, i) => 2 * p <= ((kernel[i] - 1) * dilations[i]) + 1).All(ok => ok);

    private static (long[] Kernel, long[] Strides, long[] Dilations, SpatialPadding Padding) Window(OperatorCall call, Tensor x)
    {
        if (x.dim() != 4)
        {
            throw call.Refuse($"input of rank {x.dim()}; the interpreter pools over 2 spatial axes.");
        }

        var kernel = call.Ints("kernel_shape") ?? throw call.Refuse("kernel_shape is required.");
        var strides = call.Ints("strides") ?? [1, 1];
        var dilations = call.Ints("dilations") ?? [1, 1];
        return (kernel, strides, dilations, SpatialPadding.Resolve(call, x.shape[2..], kernel, strides, dilations));
    }
}
