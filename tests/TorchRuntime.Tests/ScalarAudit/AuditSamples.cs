using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>Code the audit must flag (<see cref="Unsafe"/>) and code it must accept (<see cref="Safe"/>); never run.</summary>
internal static class AuditSamples
{
    public static class Unsafe
    {
        public static Tensor DefaultAlpha(Tensor a, Tensor b) => a.add(b);

        public static Tensor ImplicitConstant(Tensor a) => a.mul(2.0);

        public static Tensor Operator(Tensor a) => a * 0.5;

        public static Tensor LocalNotDisposed(Tensor a, Tensor b)
        {
            var alpha = 2.0.ToScalar();
            return a.add(b, alpha);
        }

        public static Func<Tensor, Tensor> InALambda() => t => t.pow(2);

        public static nn.Module<Tensor, Tensor> ModuleWithTemporaries() => nn.LeakyReLU(0.1);
    }

    public static class Safe
    {
        private static readonly Scalar Half = 0.5.ToScalar();

        public static Tensor HeldAlpha(Tensor a, Tensor b) => a.add(b, HeldScalars.One);

        public static Tensor StaticField(Tensor a) => a.mul(Half);

        public static Tensor UsingLocal(Tensor a, double x)
        {
            using var factor = x.ToScalar();
            return a.mul(factor);
        }

        public static Tensor Subtraction(Tensor a, Tensor b) => a - b;

        public static nn.Module<Tensor, Tensor> ModuleWithout() => nn.ReLU();
    }
}
