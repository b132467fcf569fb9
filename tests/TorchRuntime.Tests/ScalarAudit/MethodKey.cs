using System.Reflection;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>A method's definition, the same for every generic instantiation of it.</summary>
internal readonly record struct MethodKey(Module Module, int Token)
{
    public static MethodKey Of(MethodBase method) => new(method.Module, method.MetadataToken);
}
