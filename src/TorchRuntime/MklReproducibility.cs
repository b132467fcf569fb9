using System.Runtime.InteropServices;
using TorchSharp;

namespace NasPipeline.TorchRuntime;

/// <summary>
/// Puts Intel MKL, which libtorch_cpu links in for its CPU matrix products, in conditional numerical reproducibility
/// mode (what <c>MKL_CBWR=AUTO</c> asks for). Without it MKL chooses kernels by the buffers' alignment and the cores it
/// finds, so one matrix product can sum in a different order from one process to the next: a tiny two-node run's
/// re-scored predictions differed in the 9th digit in 12 of 20 <c>replay --redrive</c> processes, and in none of 20
/// with AUTO. A user's own <c>MKL_CBWR</c> is left as it is. The mode can only be set before MKL's first product.
/// </summary>
internal static class MklReproducibility
{
    public const string Variable = "MKL_CBWR";

    /// <summary>MKL_CBWR_AUTO in mkl_cbwr.h (MKL_CBWR_BRANCH_OFF is 1).</summary>
    public const int Auto = 2;

    private const int BranchSetting = 1;
    private const int Success = 0;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CbwrGet(int setting);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CbwrSet(int branch);

    /// <summary>MKL's code-path setting now, or null where libtorch carries no MKL.</summary>
    public static int? Branch => Export<CbwrGet>("mkl_serv_cbwr_get") is { } get ? get(BranchSetting) : null;

    /// <summary>Asks for AUTO unless the user chose a mode; false when MKL refused (it had already run).</summary>
    public static bool Configure()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)) || Export<CbwrSet>("mkl_serv_cbwr_set") is not { } set)
        {
            return true;
        }

        return set(Auto) == Success;
    }

    private static T? Export<T>(string symbol)
        where T : Delegate
    {
        // libtorch_cpu is already loaded by TorchSharp; loading it by name returns that copy.
        var library = NativeLibrary.Load("libtorch_cpu.so", typeof(torch).Assembly, null);
        return NativeLibrary.TryGetExport(library, symbol, out var address) ? Marshal.GetDelegateForFunctionPointer<T>(address) : null;
    }
}
