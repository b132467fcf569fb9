using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Operators;

/// <summary>Gemm (alpha, beta, transposes) and MatMul (numpy-style batched products).</summary>
internal static class MatrixOperators
{
    public static Tensor[] MatMul(OperatorCall call) => [call.Input(0).matmul(call.Input(1))];

    public static Tensor[] Gemm(OperatorCall call)
    {
        var a = call.Int("transA", 0) == 1 ? call.Input(0).t() : call.Input(0);
        var b = call.Int("transB", 0) == 1 ? call.Input(1).t() : call.Input(1);
        var (alpha, beta) = (call.Float("alpha", 1f), call.Float("beta", 1f));
        var product = a.matmul(b);
        if (alpha != 1f)
        {
            using var scale = ((double)alpha).ToScalar();
            product = product.mul(scale);
        }

        if (call.OptionalInput(2) is not { } c)
        {
            return [product];
        }

        if (beta == 1f)
        {
            return [product.add(c, HeldScalars.One)];
        }

        using var weight = ((double)beta).ToScalar();
        return [product.add(c, weight)];
    }
}
