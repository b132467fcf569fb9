using System.Reflection.Emit;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>One IL instruction: its offset, op code and raw operand (a metadata token, a local's index, a constant).</summary>
internal readonly record struct Instruction(int Offset, OpCode OpCode, long Operand)
{
    public bool IsCall => OpCode == OpCodes.Call || OpCode == OpCodes.Callvirt || OpCode == OpCodes.Newobj;

    /// <summary>The local this instruction stores, or -1.</summary>
    public int StoredLocal => OpCode.Value switch
    {
        0x0A or 0x0B or 0x0C or 0x0D => OpCode.Value - 0x0A, // stloc.0 .. stloc.3
        0x13 => (int)Operand,                                // stloc.s
        unchecked((short)0xFE0E) => (int)Operand,            // stloc
        _ => -1,
    };

    /// <summary>The local this instruction loads (by value), or -1.</summary>
    public int LoadedLocal => OpCode.Value switch
    {
        0x06 or 0x07 or 0x08 or 0x09 => OpCode.Value - 0x06, // ldloc.0 .. ldloc.3
        0x11 => (int)Operand,                                // ldloc.s
        unchecked((short)0xFE0C) => (int)Operand,            // ldloc
        _ => -1,
    };
}
