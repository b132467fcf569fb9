using System.Reflection;
using TorchSharp;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>
/// The TorchSharp methods that pass a temporary Scalar to native code, themselves or through a TorchSharp method they
/// call (e.g. <c>Tensor.add(Tensor)</c> calls <c>add(target, 1)</c>). Virtual calls count for the method they name only;
/// a module's <c>forward</c> is looked up by <see cref="ModuleForwardIsTainted"/>.
/// </summary>
internal sealed class TorchSharpTemporaries
{
    private static readonly Lazy<TorchSharpTemporaries> Shared = new(() => new TorchSharpTemporaries(typeof(Scalar).Assembly));

    private readonly Dictionary<MethodKey, string> _tainted = [];

    private TorchSharpTemporaries(Assembly torchSharp)
    {
        var callers = new Dictionary<MethodKey, List<MethodBase>>();
        var pending = new Queue<MethodKey>();
        foreach (var method in AssemblyMethods.Of(torchSharp))
        {
            var body = IlReader.Read(method);
            if (!ScalarLifetimes.IsProducer(method) && ScalarLifetimes.Temporaries(method, body).FirstOrDefault() is { Producer: not null } first)
            {
                _tainted[MethodKey.Of(method)] = $"passes a temporary Scalar from {Describe(first.Producer)}";
                pending.Enqueue(MethodKey.Of(method));
            }

            foreach (var call in body.Where(i => i.IsCall))
            {
                if (IlReader.Target(method, call) is { } target && target.Module == torchSharp.ManifestModule && !ScalarLifetimes.IsProducer(target))
                {
                    var key = MethodKey.Of(target);
                    if (!callers.TryGetValue(key, out var list))
                    {
                        callers[key] = list = [];
                    }

                    list.Add(method);
                }
            }
        }

        while (pending.TryDequeue(out var key))
        {
            foreach (var caller in callers.GetValueOrDefault(key) ?? [])
            {
                var callerKey = MethodKey.Of(caller);
                if (_tainted.TryAdd(callerKey, $"calls {Describe(key)}"))
                {
                    pending.Enqueue(callerKey);
                }
            }
        }
    }

    public static TorchSharpTemporaries Instance => Shared.Value;

    public int Count => _tainted.Count;

    public IEnumerable<string> Methods => _tainted.Keys.Select(Describe);

    /// <summary>Why <paramref name="method"/> passes a temporary Scalar, or null when it does not.</summary>
    public string? Why(MethodBase method) => _tainted.GetValueOrDefault(MethodKey.Of(method));

    /// <summary>Whether a TorchSharp module's <c>forward</c> (its own or an inherited TorchSharp one) passes a temporary Scalar.</summary>
    public string? ModuleForwardIsTainted(Type module)
    {
        for (var type = module; type is not null && type.Assembly == typeof(Scalar).Assembly; type = type.BaseType)
        {
            foreach (var forward in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.Name == "forward"))
            {
                if (Why(forward) is { } why)
                {
                    return $"{Describe(forward)} {why}";
                }
            }
        }

        return null;
    }

    public static string Describe(MethodBase method) =>
        $"{method.DeclaringType?.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";

    private static string Describe(MethodKey key) => key.Module.ResolveMethod(key.Token) is { } m ? Describe(m) : key.ToString();
}
