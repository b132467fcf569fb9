using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>Operators whose output depends on the data's values: TopK, NonZero, ScatterElements.</summary>
internal static class SelectionOperators
{
    public static Tensor[] TopK(OperatorCall call)
    {
        var x = call.Input(0);
        var k = call.Opset >= 10 ? OperatorCall.Values(call.Input(1))[0] : call.Int("k", 1);
        var axis = call.Int("axis", -1);
        var (values, indices) = x.topk((int)k, (int)axis, call.Int("largest", 1) == 1, sorted: true);
        return [values, indices];
    }

    public static Tensor[] NonZero(OperatorCall call) => [call.Input(0).nonzero().t().contiguous()];

    public static Tensor[] ScatterElements(OperatorCall call)
    {
        if (call.String("reduction", "none") != "none")
        {
            throw call.Refuse($"reduction '{call.String("reduction", "none")}' is not supported.");
        }

        var (x, indices, updates) = (call.Input(0), call.Input(1).to_type(ScalarType.Int64), call.Input(2));
        var axis = call.Int("axis", 0);
        var at = axis < 0 ? axis + x.dim() : axis;
        using var size = x.shape[at].ToScalar();
        using var zero = 0L.ToScalar();
        var wrapped = where(indices.lt(zero), indices.add(size, NasPipeline.TorchRuntime.HeldScalars.One), indices);
        return [x.scatter(at, wrapped, updates)];
    }
}
