using System.Buffers.Binary;
using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.TorchRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks;

/// <summary>ONNX tensors to torch tensors and back. Floating-point data of any width becomes float32, the type every
/// parameter trains in; integers keep their width, so shape arithmetic and quantised values stay exact.</summary>
internal static class TensorProtoConversion
{
    // TensorProto.DataType codes.
    public const int Float = 1, Uint8 = 2, Int8 = 3, Int32 = 6, Int64 = 7, Bool = 9, Float16 = 10, Double = 11, BFloat16 = 16;

    /// <summary>Whether the tensor carries its values in the file (typed fields or raw bytes), not only its dims.</summary>
    public static bool HasData(TensorProto t) =>
        t.DataLocation != TensorProto.Types.DataLocation.External
        && (!t.RawData.IsEmpty || t.FloatData.Count > 0 || t.DoubleData.Count > 0 || t.Int64Data.Count > 0 || t.Int32Data.Count > 0
            || t.Dims.Any(d => d == 0));

    public static Tensor ToTensor(TensorProto t, string where)
    {
        var dims = t.Dims.ToArray();
        var count = checked((int)dims.Aggregate(1L, (a, d) => a * d));
        if (!HasData(t))
        {
            throw new OnnxNetworkException($"Tensor '{t.Name}' ({where}) has no values in the file (a stripped export, or weights in an external file that did not come along); seed them first.");
        }

        var raw = t.RawData.IsEmpty ? null : t.RawData.Span;
        switch (t.DataType)
        {
            case Float:
                return torch.tensor(raw is { } f ? Floats(f, count, t.Name) : Checked(t.FloatData.ToArray(), count, t.Name), dims);
            case Double:
                return torch.tensor(raw is { } d ? Read(d, count, 8, t.Name, s => (float)BinaryPrimitives.ReadDoubleLittleEndian(s)) : Checked(t.DoubleData.Select(v => (float)v).ToArray(), count, t.Name), dims);
            case Float16:
                return torch.tensor(raw is { } h ? Read(h, count, 2, t.Name, s => (float)BinaryPrimitives.ReadHalfLittleEndian(s)) : Checked(t.Int32Data.Select(v => (float)BitConverter.UInt16BitsToHalf((ushort)v)).ToArray(), count, t.Name), dims);
            case Int64:
                return torch.tensor(raw is { } l ? Read(l, count, 8, t.Name, BinaryPrimitives.ReadInt64LittleEndian) : Checked(t.Int64Data.ToArray(), count, t.Name), dims);
            case Int32:
                return torch.tensor(raw is { } i ? Read(i, count, 4, t.Name, BinaryPrimitives.ReadInt32LittleEndian) : Checked(t.Int32Data.ToArray(), count, t.Name), dims);
            case Uint8:
                return torch.tensor(raw is { } u ? Read(u, count, 1, t.Name, s => s[0]) : Checked(t.Int32Data.Select(v => (byte)v).ToArray(), count, t.Name), dims);
            case Int8:
                return torch.tensor(raw is { } s8 ? Read(s8, count, 1, t.Name, s => (sbyte)s[0]) : Checked(t.Int32Data.Select(v => (sbyte)v).ToArray(), count, t.Name), dims);
            case Bool:
                return torch.tensor(raw is { } b ? Read(b, count, 1, t.Name, s => s[0] != 0) : Checked(t.Int32Data.Select(v => v != 0).ToArray(), count, t.Name), dims);
            default:
                throw new OnnxNetworkException($"Tensor '{t.Name}' ({where}) has ONNX element type {t.DataType}, which the network interpreter does not read.");
        }
    }

    /// <summary>The torch element type of an ONNX element type code (Cast's <c>to</c>).</summary>
    public static ScalarType ScalarTypeOf(long onnxType, string node) => onnxType switch
    {
        Float or Float16 or Double or BFloat16 => ScalarType.Float32,
        Int64 => ScalarType.Int64,
        Int32 => ScalarType.Int32,
        Uint8 => ScalarType.Byte,
        Int8 => ScalarType.Int8,
        Bool => ScalarType.Bool,
        _ => throw new OnnxNetworkException($"Node '{node}' casts to ONNX element type {onnxType}, which the network interpreter does not run."),
    };

    /// <summary>Replaces the tensor's data (typed, raw or external) with <paramref name="values"/> as raw float32 bytes.</summary>
    public static void WriteFloats(TensorProto t, Tensor values)
    {
        using var flat = values.detach().to_type(ScalarType.Float32).contiguous().flatten();
        var numbers = flat.OnCpu().data<float>().ToArray();
        var bytes = new byte[numbers.Length * 4];
        for (var i = 0; i < numbers.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4, 4), numbers[i]);
        }

        t.FloatData.Clear();
        t.DoubleData.Clear();
        t.Int32Data.Clear();
        t.ExternalData.Clear();
        t.DataLocation = TensorProto.Types.DataLocation.Default;
        t.DataType = Float;
        t.Dims.Clear();
        t.Dims.AddRange(values.shape);
        t.RawData = UnsafeByteOperations.UnsafeWrap(bytes);
    }

    private static float[] Floats(ReadOnlySpan<byte> raw, int count, string name) =>
        Read(raw, count, 4, name, BinaryPrimitives.ReadSingleLittleEndian);

    private delegate T Reader<out T>(ReadOnlySpan<byte> bytes);

    private static T[] Read<T>(ReadOnlySpan<byte> raw, int count, int size, string name, Reader<T> read)
    {
        if (raw.Length != (long)count * size)
        {
            throw new OnnxNetworkException($"Tensor '{name}' declares {count} elements of {size} bytes but stores {raw.Length} bytes.");
        }

        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = read(raw.Slice(i * size, size));
        }

        return values;
    }

    private static T[] Checked<T>(T[] values, int count, string name) => values.Length == count
        ? values
        : throw new OnnxNetworkException($"Tensor '{name}' declares {count} elements but stores {values.Length}.");
}
