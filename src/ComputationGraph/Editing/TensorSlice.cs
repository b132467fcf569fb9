using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.ComputationGraph.Editing;

/// <summary>
/// Cuts an initializer down to some ranges of one axis, data included: raw bytes or typed values, whatever the
/// element type. A tensor that carries no data here (stripped, or stored in an external file a blob cannot bring
/// along) keeps none; whoever writes the model out fills it (<see cref="TensorValues.Write"/>).
/// </summary>
public static class TensorSlice
{
    public static void Apply(TensorProto tensor, int axis, IReadOnlyList<KeptRange> keep)
    {
        var dims = tensor.Dims.ToArray();
        if (axis < 0 || axis >= dims.Length)
        {
            throw new InvalidOperationException($"'{tensor.Name}' has no axis {axis}.");
        }

        if (keep.Any(r => r.Start < 0 || r.Length < 1 || r.Start + r.Length > dims[axis]))
        {
            throw new InvalidOperationException($"'{tensor.Name}': ranges [{string.Join(", ", keep)}] do not fit axis {axis} of length {dims[axis]}.");
        }

        var outer = dims.Take(axis).Aggregate(1L, (a, d) => a * d);
        var inner = dims.Skip(axis + 1).Aggregate(1L, (a, d) => a * d);
        var runs = Runs(outer, dims[axis], inner, keep);
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            Clear(tensor);
        }
        else if (!tensor.RawData.IsEmpty)
        {
            var size = TensorDecoder.ElementSize(tensor.DataType);
            if (size == 0)
            {
                throw new InvalidOperationException($"'{tensor.Name}' has element type {tensor.DataType}, which cannot be sliced.");
            }

            var raw = tensor.RawData.Span;
            var sliced = new byte[runs.Sum(r => r.Length) * size];
            var at = 0L;
            foreach (var (start, length) in runs)
            {
                raw.Slice((int)(start * size), (int)(length * size)).CopyTo(sliced.AsSpan((int)at));
                at += length * size;
            }

            tensor.RawData = UnsafeByteOperations.UnsafeWrap(sliced);
        }
        else
        {
            Keep(tensor.FloatData, runs);
            Keep(tensor.DoubleData, runs);
            Keep(tensor.Int32Data, runs);
            Keep(tensor.Int64Data, runs);
            Keep(tensor.Uint64Data, runs);
        }

        tensor.Dims[axis] = keep.Sum(r => r.Length);
    }

    /// <summary>Whether the tensor stores every element here (not in an external file, not stripped).</summary>
    public static bool HasData(TensorProto tensor)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            return false;
        }

        var count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
        return count == 0 || !tensor.RawData.IsEmpty || tensor.FloatData.Count + tensor.DoubleData.Count + tensor.Int32Data.Count
            + tensor.Int64Data.Count + tensor.Uint64Data.Count + tensor.StringData.Count > 0;
    }

    public static void Clear(TensorProto tensor)
    {
        tensor.RawData = ByteString.Empty;
        tensor.FloatData.Clear();
        tensor.DoubleData.Clear();
        tensor.Int32Data.Clear();
        tensor.Int64Data.Clear();
        tensor.Uint64Data.Clear();
        tensor.ExternalData.Clear();
        tensor.DataLocation = TensorProto.Types.DataLocation.Default;
    }

    /// <summary>The kept elements as (flat start, length) runs, in storage order.</summary>
    private static List<(long Start, long Length)> Runs(long outer, long axisLength, long inner, IReadOnlyList<KeptRange> keep)
    {
        var runs = new List<(long, long)>();
        for (var o = 0L; o < outer; o++)
        {
            foreach (var range in keep)
            {
                runs.Add(((o * axisLength + range.Start) * inner, range.Length * inner));
            }
        }

        return runs;
    }

    private static void Keep<T>(Google.Protobuf.Collections.RepeatedField<T> values, List<(long Start, long Length)> runs)
    {
        if (values.Count == 0)
        {
            return;
        }

        var kept = runs.SelectMany(r => Enumerable.Range((int)r.Start, (int)r.Length).Select(i => values[i])).ToList();
        values.Clear();
        values.AddRange(kept);
    }
}
