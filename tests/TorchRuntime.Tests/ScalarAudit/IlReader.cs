using System.Reflection;
using System.Reflection.Emit;

namespace NasPipeline.TorchRuntime.Tests.ScalarAudit;

/// <summary>Decodes a method body's IL into instructions, with the op-code table taken from <see cref="OpCodes"/>.</summary>
internal static class IlReader
{
    private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IReadOnlyList<Instruction> Read(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }

        var result = new List<Instruction>();
        var at = 0;
        while (at < il.Length)
        {
            var offset = at;
            short value = il[at++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[at++]));
            }

            var code = Codes[value];
            long operand;
            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    operand = 0;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    operand = il[at];
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    operand = BitConverter.ToUInt16(il, at);
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    operand = BitConverter.ToInt64(il, at);
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    var targets = BitConverter.ToInt32(il, at);
                    operand = targets;
                    at += 4 + (4 * targets);
                    break;
                default: // every other operand (tokens, 32-bit constants and branch targets, float32) is four bytes
                    operand = BitConverter.ToInt32(il, at);
                    at += 4;
                    break;
            }

            result.Add(new Instruction(offset, code, operand));
        }

        return result;
    }

    /// <summary>The method a call instruction names, or null when the token does not resolve in this context.</summary>
    public static MethodBase? Target(MethodBase caller, Instruction call)
    {
        try
        {
            var typeArguments = caller.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
            var methodArguments = caller is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : null;
            return caller.Module.ResolveMethod((int)call.Operand, typeArguments, methodArguments);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
        {
            return null;
        }
    }
}
