using System.Buffers.Binary;
using Google.Protobuf;
using NasPipeline.ComputationGraph.Inference;
using NasPipeline.ComputationGraph.Onnx;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Editing;

/// <summary>Writes numbers into a tensor in its own element type, so a caller that fills weights need not know how ONNX
/// stores each type.</summary>
public static class TensorValues
{
    /// <summary>Whether the tensor holds floating-point numbers (of any width), the kind a weight initialiser draws.</summary>
    public static bool IsFloat(TensorProto tensor) => DataTypes.IsFloat(tensor.DataType);

    /// <summary>Replaces whatever data the tensor had (typed, raw or external) with <paramref name="numbers"/> as raw bytes.</summary>
    public static void Write(TensorProto tensor, IReadOnlyList<double> numbers)
    {
        var size = TensorDecoder.ElementSize(tensor.DataType);
        if (size == 0)
        {
            throw new InvalidOperationException($"'{tensor.Name}' (element type {tensor.DataType}) has no data and cannot be filled.");
        }

        var bytes = new byte[numbers.Count * size];
        var span = bytes.AsSpan();
        for (var i = 0; i < numbers.Count; i++)
        {
            var at = span.Slice(i * size, size);
            switch (tensor.DataType)
            {
                case DataTypes.Float:
                    BinaryPrimitives.WriteSingleLittleEndian(at, (float)numbers[i]);
                    break;
                case DataTypes.Double:
                    BinaryPrimitives.WriteDoubleLittleEndian(at, numbers[i]);
                    break;
                case DataTypes.Float16:
                    BinaryPrimitives.WriteHalfLittleEndian(at, (Half)numbers[i]);
                    break;
                case DataTypes.Bfloat16:
                    BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)(BitConverter.SingleToUInt32Bits((float)numbers[i]) >> 16));
                    break;
                default:
                    // Integer and boolean tensors get 0, or 1 where a normalisation wants one.
                    at[0] = (byte)numbers[i];
                    break;
            }
        }

        TensorSlice.Clear(tensor);
        tensor.RawData = UnsafeByteOperations.UnsafeWrap(bytes);
    }
}
