using System.Reflection;
using System.Reflection.Emit;
using TorchSharp;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>
/// Every place in an assembly where a temporary Scalar can reach native code: a Scalar the code creates and does not
/// hold, a call to a TorchSharp method that creates one itself, and a TorchSharp module whose forward does.
/// </summary>
internal static class TemporaryScalarAudit
{
    public static IReadOnlyList<Finding> Find(Assembly assembly) => Find(AssemblyMethods.Of(assembly));

    public static IReadOnlyList<Finding> Find(IEnumerable<MethodBase> methods)
    {
        var torchSharp = TorchSharpTemporaries.Instance;
        var findings = new List<Finding>();
        foreach (var method in methods)
        {
            var name = $"{method.DeclaringType?.FullName}.{method.Name}";
            var body = IlReader.Read(method);
            foreach (var (call, producer) in ScalarLifetimes.Temporaries(method, body))
            {
                findings.Add(new Finding(name, call.Offset, $"{TorchSharpTemporaries.Describe(producer)} makes a Scalar nothing holds"));
            }

            foreach (var call in body.Where(i => i.IsCall))
            {
                if (IlReader.Target(method, call) is not { } target || target.DeclaringType?.Assembly != typeof(Scalar).Assembly || ScalarLifetimes.IsProducer(target))
                {
                    continue;
                }

                if (torchSharp.Why(target) is { } why)
                {
                    findings.Add(new Finding(name, call.Offset, $"{TorchSharpTemporaries.Describe(target)} {why}"));
                }

                var created = call.OpCode == OpCodes.Newobj ? target.DeclaringType : (target as MethodInfo)?.ReturnType;
                if (created is not null && typeof(torch.nn.Module).IsAssignableFrom(created) && torchSharp.ModuleForwardIsTainted(created) is { } forward)
                {
                    findings.Add(new Finding(name, call.Offset, $"creates {created.Name}, whose {forward}"));
                }
            }
        }

        return findings;
    }
}
