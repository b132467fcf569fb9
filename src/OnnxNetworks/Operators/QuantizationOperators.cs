using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>QuantizeLinear and DequantizeLinear with a per-tensor or per-axis scale. Quantised values are carried as
/// float32 integers clamped to the zero point's range, so the pair computes exactly what ONNX Runtime does.</summary>
internal static class QuantizationOperators
{
    public static Tensor[] QuantizeLinear(OperatorCall call)
    {
        var (x, scale) = (call.Input(0), call.Input(1));
        var zeroPoint = call.OptionalInput(2);
        var (low, high) = zeroPoint?.dtype == ScalarType.Int8 ? (-128.0, 127.0) : (0.0, 255.0);
        var shape = Broadcast(call, x, scale);
        var zero = zeroPoint is null ? zeros_like(scale) : zeroPoint.to_type(ScalarType.Float32);
        using var min = low.ToScalar();
        using var max = high.ToScalar();

        // torch.round rounds halves to even, as QuantizeLinear does.
        return [x.div(scale.reshape(shape)).round().add(zero.reshape(shape), HeldScalars.One).clamp(min, max)];
    }

    public static Tensor[] DequantizeLinear(OperatorCall call)
    {
        var (x, scale) = (call.Input(0).to_type(ScalarType.Float32), call.Input(1));
        var shape = Broadcast(call, x, scale);
        var zero = call.OptionalInput(2) is { } z ? z.to_type(ScalarType.Float32) : zeros_like(scale);
        return [x.sub(zero.reshape(shape)).mul(scale.reshape(shape))];
    }

    /// <summary>The shape that lines a per-axis scale up with its axis (a scalar scale broadcasts as is).</summary>
    private static long[] Broadcast(OperatorCall call, Tensor x, Tensor scale)
    {
        if (scale.numel() == 1)
        {
            return [];
        }

        var axis = call.Int("axis", 1);
        var at = axis < 0 ? axis + x.dim() : axis;
        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[at] = scale.numel();
        return shape;
    }
}
