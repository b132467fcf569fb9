namespace NasPipeline.ComputationGraph.Inference.Ops;

/// <summary>Same-shape and broadcasting element-wise ops; the integer and comparison ones fold.</summary>
internal static class ElementwiseOps
{
    private static readonly Dictionary<string, Func<double, double>> Unary = new()
    {
        ["Abs"] = Math.Abs, ["Neg"] = v => -v, ["Floor"] = Math.Floor, ["Ceil"] = Math.Ceiling,
        ["Round"] = v => Math.Round(v, MidpointRounding.ToEven), ["Sqrt"] = Math.Sqrt, ["Reciprocal"] = v => 1 / v,
        ["Sign"] = v => Math.Sign(v), ["Relu"] = v => Math.Max(v, 0), ["Exp"] = Math.Exp, ["Log"] = Math.Log,
        ["Not"] = v => v == 0 ? 1 : 0, ["Sigmoid"] = v => 1 / (1 + Math.Exp(-v)), ["Tanh"] = Math.Tanh,
    };

    private static readonly string[] SameShape =
    [
        "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "Cos", "Cosh", "Sin", "Sinh", "Tan", "Celu", "Elu", "Erf",
        "HardSigmoid", "HardSwish", "Hardmax", "LeakyRelu", "LogSoftmax", "Softmax", "Selu", "Shrink", "Softplus",
        "Softsign", "ThresholdedRelu", "Mish", "Gelu", "CumSum", "Trilu", "LRN", "MeanVarianceNormalization",
        "LpNormalization", "Bernoulli", "RandomUniformLike", "RandomNormalLike",
        "ScatterND", "ReverseSequence", "Swish", "HardSiLU", "BitwiseNot", "RMSNormalization", "RotaryEmbedding",
        "TensorScatter",
    ];

    private static readonly Dictionary<string, Func<double, double, double>> Binary = new()
    {
        ["Add"] = (a, b) => a + b, ["Sub"] = (a, b) => a - b, ["Mul"] = (a, b) => a * b, ["Div"] = (a, b) => a / b,
        ["Pow"] = Math.Pow, ["And"] = (a, b) => a != 0 && b != 0 ? 1 : 0, ["Or"] = (a, b) => a != 0 || b != 0 ? 1 : 0,
        ["Xor"] = (a, b) => (a != 0) != (b != 0) ? 1 : 0, ["Equal"] = (a, b) => a == b ? 1 : 0,
        ["Less"] = (a, b) => a < b ? 1 : 0, ["LessOrEqual"] = (a, b) => a <= b ? 1 : 0,
        ["Greater"] = (a, b) => a > b ? 1 : 0, ["GreaterOrEqual"] = (a, b) => a >= b ? 1 : 0,
        ["Max"] = Math.Max, ["Min"] = Math.Min, ["Sum"] = (a, b) => a + b,
    };

    private static readonly HashSet<string> Comparisons = ["Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Xor"];

    public static void Register(OpRegistry r)
    {
        foreach (var (op, f) in Unary)
        {
            r.Add(op, c => [UnaryFold(c, f)]);
        }

        r.Add(SameShape, c => [c.Same(0)]);
        r.Add(["IsNaN", "IsInf"], c => [c.Out(c.In(0).Shape, DataTypes.Bool)]);
        r.Add("Dropout", c => [c.Same(0), c.Out(c.In(0).Shape, DataTypes.Bool)]);
        r.Add(["Add", "Sub", "Mul", "Div", "Pow", "And", "Or", "Xor", "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Max", "Min", "Sum"], Broadcast);
        // PRelu's slope broadcasts to X one way only (before opset 7 it could also be per channel).
        r.Add("PRelu", c => [c.Same(0)]);
        r.Add("Mod", Mod);
        r.Add(["BitShift", "Mean", "BitwiseAnd", "BitwiseOr", "BitwiseXor"], c => [c.Out(ShapeMath.Broadcast(c.Op, Present(c).Select(i => i.Shape).ToArray()), c.In(0).ElemType)]);
        r.Add("Where", Where);
        r.Add("Clip", Clip);
        r.Add("Cast", c => [Cast(c, c.In(0), (int)c.Int("to", DataTypes.Float))]);
        r.Add("CastLike", c => [Cast(c, c.In(0), c.In(1).ElemType)]);
    }

    private static List<TensorInfo> Present(NodeContext c) => c.Inputs.Where(i => i is not null).Select(i => i!).ToList();

    private static TensorInfo UnaryFold(NodeContext c, Func<double, double> f)
    {
        var x = c.In(0);
        var type = c.Op == "Not" ? DataTypes.Bool : x.ElemType;
        return c.Out(x.Shape, type, Fold.Map([x], x.Shape, type, a => f(a[0])));
    }

    private static TensorInfo[] Broadcast(NodeContext c)
    {
        var ins = Present(c);
        if (ins.Count == 0)
        {
            throw Errors.Invalid(c.Op, "needs at least one input.");
        }

        var shape = ShapeMath.Broadcast(c.Op, ins.Select(i => i.Shape).ToArray());
        var type = Comparisons.Contains(c.Op) ? DataTypes.Bool : ins[0].ElemType;
        var f = Binary[c.Op];
        if (c.Op == "Div" && DataTypes.IsInteger(type))
        {
            f = (a, b) => b == 0 ? 0 : Math.Truncate(a / b);
        }

        var values = Fold.Map(ins, shape, type, a => a.Skip(1).Aggregate(a[0], f));
        return [c.Out(shape, type, values)];
    }

    /// <summary>fmod=0 takes the divisor's sign (Python's %), fmod=1 the dividend's (C's fmod).</summary>
    private static TensorInfo[] Mod(NodeContext c)
    {
        var (a, b) = (c.In(0), c.In(1));
        var shape = ShapeMath.Broadcast(c.Op, a.Shape, b.Shape);
        var fmod = c.Int("fmod", 0) != 0;
        var values = Fold.Map([a, b], shape, a.ElemType, v =>
        {
            if (v[1] == 0)
            {
                return DataTypes.IsInteger(a.ElemType) ? 0 : double.NaN;
            }

            var r = v[0] % v[1];
            return !fmod && r != 0 && (r < 0) != (v[1] < 0) ? r + v[1] : r;
        });
        return [c.Out(shape, a.ElemType, values)];
    }

    private static TensorInfo[] Where(NodeContext c)
    {
        var ins = new[] { c.In(0), c.In(1), c.In(2) };
        var shape = ShapeMath.Broadcast(c.Op, ins.Select(i => i.Shape).ToArray());
        return [c.Out(shape, ins[1].ElemType, Fold.Map(ins, shape, ins[1].ElemType, a => a[0] != 0 ? a[1] : a[2]))];
    }

    private static TensorInfo[] Clip(NodeContext c)
    {
        var x = c.In(0);
        if (c.Input(1) is { HasValues: false } || c.Input(2) is { HasValues: false })
        {
            return [c.Same(0)];
        }

        var lo = c.Opset < 11 ? c.Float("min", float.MinValue) : c.Input(1)?.Values?.FirstOrDefault() ?? double.MinValue;
        var hi = c.Opset < 11 ? c.Float("max", float.MaxValue) : c.Input(2)?.Values?.FirstOrDefault() ?? double.MaxValue;
        return [c.Out(x.Shape, x.ElemType, Fold.Map([x], x.Shape, x.ElemType, a => Math.Clamp(a[0], Math.Min(lo, hi), Math.Max(lo, hi))))];
    }

    private static TensorInfo Cast(NodeContext c, TensorInfo x, int to) =>
        c.Out(x.Shape, to, Fold.Map([x], x.Shape, to, a => a[0]));
}
