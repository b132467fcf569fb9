using TorchSharp;

namespace NasPipeline.TorchRuntime;

/// <summary>
/// Constant Scalars held for the process's life. TorchSharp 0.107 reads a Scalar's handle and then calls libtorch; a
/// Scalar nothing refers to after that read (an implicit <c>1</c>, the default alpha of <c>Tensor.add(Tensor)</c>) can
/// be finalised during the call. Pass these, or a <c>using var</c> Scalar for a value known at run time, so every
/// Scalar outlives the native call that reads it. <c>TemporaryScalarAudit</c> (TorchRuntime.Tests) enforces this.
/// </summary>
public static class HeldScalars
{
    public static readonly Scalar One = 1.ToScalar();
    public static readonly Scalar Two = 2.ToScalar();
    public static readonly Scalar Four = 4.ToScalar();
}
