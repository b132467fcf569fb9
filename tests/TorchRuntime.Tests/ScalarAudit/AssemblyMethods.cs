using System.Reflection;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>Every method and constructor with a body that an assembly defines, lambdas and nested types included.</summary>
internal static class AssemblyMethods
{
    private const BindingFlags DeclaredMembers = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IEnumerable<MethodBase> Of(Assembly assembly) => Types(assembly).SelectMany(Declared);

    /// <summary>A type's own methods and those of the types nested in it (where the compiler puts lambdas).</summary>
    public static IEnumerable<MethodBase> Of(Type type) =>
        Declared(type).Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(Of));

    private static IEnumerable<MethodBase> Declared(Type type) =>
        type.GetMethods(DeclaredMembers).Cast<MethodBase>().Concat(type.GetConstructors(DeclaredMembers)).Where(m => m.GetMethodBody() is not null);

    private static Type[] Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>().ToArray();
        }
    }
}
