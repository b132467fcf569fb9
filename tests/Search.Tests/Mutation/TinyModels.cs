using NasPipeline.ComputationGraph.Writing;

namespace NasPipeline.Search.Tests.Mutation;

/// <summary>Hand-built models on an 8x8 input with 8 channels, and the cost formula to check them by hand.</summary>
internal static class TinyModels
{
    public const long Side = 8;

    /// <summary>Conv MACs at 8x8 output: out pixels x out channels x (in channels / groups) x kernel area.</summary>
    public static long ConvMacs(long cin, long cout, long kernel, long groups = 1) => Side * Side * cout * (cin / groups) * kernel * kernel;

    public static long ConvParams(long cin, long cout, long kernel, long groups = 1) => cout * (cin / groups) * kernel * kernel + cout;

    public static string Conv(OnnxModelWriter w, string input, long cin, long cout, long kernel, long groups = 1)
    {
        var weight = w.Weight("w", cout, cin / groups, kernel, kernel);
        var bias = w.Weight("b", cout);
        var pad = (kernel - 1) / 2;
        return w.Node("Conv", [input, weight, bias], OnnxAttribute.Of("kernel_shape", kernel, kernel),
            OnnxAttribute.Of("pads", pad, pad, pad, pad), OnnxAttribute.Of("group", groups));
    }

    /// <summary>x(8) -> A 3x3 (16) -> Relu -> B 3x3 (16) -> Add(relu, B) -> C 1x1 (4) -> output.</summary>
    public static byte[] Residual()
    {
        var w = new OnnxModelWriter().Input("x", 1, 8, Side, Side);
        var a = w.Node("Relu", [Conv(w, "x", 8, 16, 3)]);
        var b = Conv(w, a, 16, 16, 3);
        var sum = w.Node("Add", [a, b]);
        return w.Output(Conv(w, sum, 16, 4, 1)).Build();
    }

    /// <summary>x(8) -> A 1x1 (16) and B 3x3 (16) -> Add -> C 1x1 (4) -> output (a projection shortcut).</summary>
    public static byte[] TwoBranches()
    {
        var w = new OnnxModelWriter().Input("x", 1, 8, Side, Side);
        var sum = w.Node("Add", [Conv(w, "x", 8, 16, 1), Conv(w, "x", 8, 16, 3)]);
        return w.Output(Conv(w, sum, 16, 4, 1)).Build();
    }

    /// <summary>x(8) -> A 1x1 (16) and B 1x1 (8) -> Concat -> C 1x1 (4) -> output.</summary>
    public static byte[] Concat()
    {
        var w = new OnnxModelWriter().Input("x", 1, 8, Side, Side);
        var a = Conv(w, "x", 8, 16, 1);
        var b = Conv(w, "x", 8, 8, 1);
        var joined = w.Node("Concat", [a, b], OnnxAttribute.Of("axis", 1L));
        return w.Output(Conv(w, joined, 24, 4, 1)).Build();
    }

    /// <summary>x(8) -> A 1x1 (16) -> depthwise 3x3 (16, group 16) -> C 1x1 (4) -> output.</summary>
    public static byte[] Depthwise()
    {
        var w = new OnnxModelWriter().Input("x", 1, 8, Side, Side);
        var a = Conv(w, "x", 8, 16, 1);
        var d = Conv(w, a, 16, 16, 3, groups: 16);
        return w.Output(Conv(w, d, 16, 4, 1)).Build();
    }

    /// <summary>x(8) -> A 1x1 (16) -> Reshape to [1, 16, 64] -> output: A's channels cannot change.</summary>
    public static byte[] Reshaped()
    {
        var w = new OnnxModelWriter().Input("x", 1, 8, Side, Side);
        var a = Conv(w, "x", 8, 16, 1);
        return w.Output(w.Node("Reshape", [a, w.Int64s(1, 16, 64)])).Build();
    }
}
