using NasPipeline.TorchRuntime;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>Broadcasting arithmetic, comparisons and reductions. Integer Div truncates, as ONNX's does.</summary>
internal static class ArithmeticOperators
{
    public static Tensor[] Add(OperatorCall call) => [call.Input(0).add(call.Input(1), HeldScalars.One)];

    public static Tensor[] Sub(OperatorCall call) => [call.Input(0).sub(call.Input(1))];

    public static Tensor[] Mul(OperatorCall call) => [call.Input(0).mul(call.Input(1))];

    public static Tensor[] Div(OperatorCall call)
    {
        var (a, b) = (call.Input(0), call.Input(1));
        return a.is_floating_point() || b.is_floating_point() ? [a.div(b)] : [a.div(b, RoundingMode.trunc)];
    }

    public static Tensor[] Pow(OperatorCall call) => [call.Input(0).pow(call.Input(1))];

    public static Tensor[] Sqrt(OperatorCall call) => [call.Input(0).sqrt()];

    public static Tensor[] Reciprocal(OperatorCall call) => [call.Input(0).reciprocal()];

    public static Tensor[] Neg(OperatorCall call) => [call.Input(0).neg()];

    public static Tensor[] Abs(OperatorCall call) => [call.Input(0).abs()];

    public static Tensor[] Exp(OperatorCall call) => [call.Input(0).exp()];

    public static Tensor[] Log(OperatorCall call) => [call.Input(0).log()];

    public static Tensor[] Floor(OperatorCall call) => [call.Input(0).floor()];

    public static Tensor[] Ceil(OperatorCall call) => [call.Input(0).ceil()];

    public static Tensor[] Equal(OperatorCall call) => [call.Input(0).eq(call.Input(1))];

    public static Tensor[] Less(OperatorCall call) => [call.Input(0).lt(call.Input(1))];

    public static Tensor[] Greater(OperatorCall call) => [call.Input(0).gt(call.Input(1))];

    public static Tensor[] Not(OperatorCall call) => [call.Input(0).logical_not()];

    public static Tensor[] And(OperatorCall call) => [call.Input(0).logical_and(call.Input(1))];

    public static Tensor[] Where(OperatorCall call) => [where(call.Input(0).to_type(ScalarType.Bool), call.Input(1), call.Input(2))];

    public static Tensor[] Max(OperatorCall call) => [call.Inputs.Aggregate(maximum)];

    public static Tensor[] Min(OperatorCall call) => [call.Inputs.Aggregate(minimum)];

    public static Tensor[] Sum(OperatorCall call) => [call.Inputs.Aggregate((a, b) => a.add(b, HeldScalars.One))];

    public static Tensor[] ReduceMean(OperatorCall call) => [Reduce(call, (x, axes, keep) => x.mean(axes, keep))];

    public static Tensor[] ReduceSum(OperatorCall call) => [Reduce(call, (x, axes, keep) => x.sum(axes, keep))];

    public static Tensor[] ReduceMax(OperatorCall call) => [Reduce(call, (x, axes, keep) => x.amax(axes, keep))];

    public static Tensor[] ReduceMin(OperatorCall call) => [Reduce(call, (x, axes, keep) => x.amin(axes, keep))];

    public static Tensor[] ReduceProd(OperatorCall call) => [Reduce(call, (x, axes, keep) =>
    {
        // torch multiplies along one axis at a time; the highest first, so the lower axes keep their numbers.
        foreach (var axis in axes.Select(a => a < 0 ? a + x.dim() : a).OrderDescending())
        {
            x = x.prod(axis, keep);
        }

        return x;
    })];

    private static Tensor Reduce(OperatorCall call, Func<Tensor, long[], bool, Tensor> reduce)
    {
        var x = call.Input(0);
        var keep = call.Int("keepdims", 1) == 1;

        // ReduceSum takes its axes as an input from opset 13, the others from opset 18.
        var axesAsInput = call.Node.OpType == "ReduceSum" ? call.Opset >= 13 : call.Opset >= 18;
        var axes = axesAsInput ? call.IntsFromInputOrAttribute(1, "axes") : call.Ints("axes");
        if (axes is null || axes.Length == 0)
        {
            if (call.Int("noop_with_empty_axes", 0) == 1)
            {
                return x;
            }

            axes = Enumerable.Range(0, (int)x.dim()).Select(i => (long)i).ToArray();
        }

        return reduce(x, axes, keep);
    }
}
