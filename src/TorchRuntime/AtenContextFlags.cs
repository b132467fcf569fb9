using System.Runtime.InteropServices;
using TorchSharp;

namespace NasPipeline.TorchRuntime;

/// <summary>Reads and sets boolean switches of libtorch's global <c>at::Context</c> (what <c>torch.backends.*.enabled</c>
/// sets in Python) through libtorch_cpu's exported members: TorchSharp exposes none of them.</summary>
internal static class AtenContextFlags
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetFlag(IntPtr context);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlag(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool value);

    /// <param name="getter">The mangled name of a <c>bool at::Context::...() const</c> member.</param>
    public static bool Get(string getter) => Export<GetFlag>(getter)(Context());

    /// <param name="setter">The mangled name of a <c>void at::Context::...(bool)</c> member.</param>
    public static void Set(string setter, bool value) => Export<SetFlag>(setter)(Context(), value);

    private static IntPtr Context() => Export<GlobalContext>("_ZN2at13globalContextEv")();

    private static T Export<T>(string symbol)
        where T : Delegate
    {
        // libtorch_cpu is already loaded by TorchSharp; loading it by name returns that copy.
        var library = NativeLibrary.Load("libtorch_cpu.so", typeof(torch).Assembly, null);
        return Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, symbol));
    }
}
