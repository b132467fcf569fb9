using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>Pointwise activations with ONNX's parameters (HardSigmoid's alpha and beta, Clip's bounds as inputs or as
/// attributes before opset 11, Gelu's approximation, Softmax's axis semantics before opset 13).</summary>
internal static class ActivationOperators
{
    public static Tensor[] Relu(OperatorCall call) => [nn.functional.relu(call.Input(0))];

    public static Tensor[] Sigmoid(OperatorCall call) => [call.Input(0).sigmoid()];

    public static Tensor[] Tanh(OperatorCall call) => [call.Input(0).tanh()];

    public static Tensor[] Erf(OperatorCall call) => [call.Input(0).erf()];

    public static Tensor[] LeakyRelu(OperatorCall call)
    {
        // Not nn.functional.leaky_relu: TorchSharp passes the slope to libtorch as a temporary Scalar.
        var x = call.Input(0);
        using var slope = ((double)call.Float("alpha", 0.01f)).ToScalar();
        using var zero = 0.0.ToScalar();
        return [nn.functional.relu(x).add(x.clamp_max(zero).mul(slope), HeldScalars.One)];
    }

    public static Tensor[] HardSigmoid(OperatorCall call)
    {
        using var alpha = ((double)call.Float("alpha", 0.2f)).ToScalar();
        using var beta = ((double)call.Float("beta", 0.5f)).ToScalar();
        using var zero = 0.0.ToScalar();
        return [call.Input(0).mul(alpha).add(beta, HeldScalars.One).clamp(zero, HeldScalars.One)];
    }

    public static Tensor[] HardSwish(OperatorCall call) => [nn.functional.hardswish(call.Input(0))];

    public static Tensor[] Gelu(OperatorCall call)
    {
        var x = call.Input(0);
        if (call.String("approximate", "none") != "tanh")
        {
            return [nn.functional.gelu(x)];
        }

        // 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), written out: TorchSharp's gelu has no approximate argument.
        using var cubic = 0.044715.ToScalar();
        using var root = Math.Sqrt(2 / Math.PI).ToScalar();
        using var half = 0.5.ToScalar();
        var inner = x.add(x.pow(HeldScalars.Two).mul(x).mul(cubic), HeldScalars.One).mul(root);
        return [x.mul(half).mul(inner.tanh().add(HeldScalars.One, HeldScalars.One))];
    }

    public static Tensor[] Clip(OperatorCall call)
    {
        var x = call.Input(0);
        double? low, high;
        if (call.Opset < 11)
        {
            low = call.Attribute("min") is { } a ? a.F : null;
            high = call.Attribute("max") is { } b ? b.F : null;
        }
        else
        {
            low = call.OptionalInput(1) is { } lo ? OperatorCall.FloatValue(lo) : null;
            high = call.OptionalInput(2) is { } hi ? OperatorCall.FloatValue(hi) : null;
        }

        using var min = (low ?? double.NegativeInfinity).ToScalar();
        using var max = (high ?? double.PositiveInfinity).ToScalar();
        return [x.clamp(min, max)];
    }

    public static Tensor[] Softmax(OperatorCall call) => [Normalised(call, (t, axis) => t.softmax(axis))];

    public static Tensor[] LogSoftmax(OperatorCall call) => [Normalised(call, (t, axis) => t.log_softmax(axis))];

    private static Tensor Normalised(OperatorCall call, Func<Tensor, long, Tensor> apply)
    {
        var x = call.Input(0);
        var axis = call.Int("axis", call.Opset < 13 ? 1 : -1);
        if (call.Opset >= 13)
        {
            return apply(x, axis);
        }

        // Before opset 13 the input is seen as a matrix: axes before `axis` are rows, the rest one row's entries.
        var rank = x.dim();
        var at = axis < 0 ? axis + rank : axis;
        var rows = x.shape[..(int)at].Aggregate(1L, (p, d) => p * d);
        return apply(x.reshape(rows, -1), 1).reshape(x.shape);
    }
}
