using System.Reflection;
using Xunit;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>
/// No product assembly may let a temporary Scalar reach libtorch: TorchSharp 0.107 finalises one that nothing refers
/// to after its handle is read, possibly while the native call still reads it. The audit reads the IL of every method
/// (lambdas included) and TorchSharp's own IL, so a new implicit constant, a default alpha or a module that makes
/// temporaries fails here with the method and IL offset.
/// </summary>
public sealed class TemporaryScalarAuditTests
{
    public static TheoryData<string> ProductAssemblies => new()
    {
        typeof(HeldScalars).Assembly.GetName().Name!,
        typeof(Vision.Training.TaskTrainer).Assembly.GetName().Name!,
        typeof(Supernet.Training.SupernetTrainer).Assembly.GetName().Name!,
        typeof(Predictors.Gnn.GraphRegressor).Assembly.GetName().Name!,
        typeof(OnnxNetworks.OnnxNetwork).Assembly.GetName().Name!,
        typeof(Fna.Chains.ChainNetwork).Assembly.GetName().Name!,
        typeof(Adaptation.SeededBatches).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void Product_code_passes_no_temporary_scalar_to_libtorch(string assembly)
    {
        var findings = TemporaryScalarAudit.Find(Assembly.Load(assembly));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Audit_flags_each_unsafe_sample()
    {
        var samples = typeof(AuditSamples.Unsafe).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => m.Name);

        var flagged = TemporaryScalarAudit.Find(AssemblyMethods.Of(typeof(AuditSamples.Unsafe))).Select(f => SourceMethod(f.Method)).Distinct();

        Assert.Equal(samples.Order(), flagged.Order());
    }

    [Fact]
    public void Audit_accepts_held_scalars()
    {
        var findings = TemporaryScalarAudit.Find(AssemblyMethods.Of(typeof(AuditSamples.Safe)));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void TorchSharp_methods_known_to_pass_temporaries_are_found()
    {
        var torchSharp = TorchSharpTemporaries.Instance;
        var tensor = typeof(TorchSharp.torch.Tensor);

        Assert.NotNull(torchSharp.Why(tensor.GetMethod("add", [tensor])!));
        Assert.NotNull(torchSharp.Why(tensor.GetMethod("square", Type.EmptyTypes)!));
        Assert.Null(torchSharp.Why(tensor.GetMethod("add", [tensor, typeof(TorchSharp.Scalar)])!));
        Assert.Null(torchSharp.Why(tensor.GetMethod("sub", [tensor])!));
    }

    /// <summary>The method a finding is in; a lambda's compiled name (<c>&lt;Outer&gt;b__4_0</c>) counts as its outer method.</summary>
    private static string SourceMethod(string method)
    {
        var name = method[(method.LastIndexOf('.') + 1)..];
        return name.StartsWith('<') ? name[1..name.IndexOf('>')] : name;
    }
}
