using System.Reflection;
using System.Reflection.Emit;
using TorchSharp;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>
/// Which Scalars a method body creates without holding them. TorchSharp 0.107 reads a Scalar's handle and then
/// calls native code; a Scalar nothing refers to after that read can be finalised mid-call. A Scalar is held when the
/// value a producer returns goes straight into a field, or into a local that is disposed later (a <c>using</c>).
/// </summary>
internal static class ScalarLifetimes
{
    /// <summary>A call that hands its caller a new Scalar: Scalar's constructor, or any TorchSharp method returning one
    /// (the implicit conversions, ToScalar).</summary>
    public static bool IsProducer(MethodBase method) => method switch
    {
        ConstructorInfo constructor => constructor.DeclaringType == typeof(Scalar),
        MethodInfo info => info.ReturnType == typeof(Scalar) && info.DeclaringType?.Assembly == typeof(Scalar).Assembly,
        _ => false,
    };

    /// <summary>The producer calls in <paramref name="method"/> whose Scalar is not held.</summary>
    public static IEnumerable<(Instruction Call, MethodBase Producer)> Temporaries(MethodBase method, IReadOnlyList<Instruction> body)
    {
        for (var i = 0; i < body.Count; i++)
        {
            if (!body[i].IsCall || IlReader.Target(method, body[i]) is not { } target || !IsProducer(target))
            {
                continue;
            }

            if (!IsHeld(method, body, i))
            {
                yield return (body[i], target);
            }
        }
    }

    private static bool IsHeld(MethodBase method, IReadOnlyList<Instruction> body, int producer)
    {
        if (producer + 1 >= body.Count)
        {
            return false;
        }

        var next = body[producer + 1];
        if (next.OpCode == OpCodes.Stsfld || next.OpCode == OpCodes.Stfld)
        {
            return true;
        }

        var local = next.StoredLocal;
        if (local < 0)
        {
            return false;
        }

        for (var j = producer + 2; j + 1 < body.Count; j++)
        {
            if (body[j].LoadedLocal == local && body[j + 1].IsCall && IlReader.Target(method, body[j + 1]) is { Name: "Dispose" })
            {
                return true;
            }
        }

        return false;
    }
}
