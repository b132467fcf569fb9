using NasPipeline.ComputationGraph.Editing;
using System.Buffers.Binary;
using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Search.Tests.Mutation;

/// <summary>Gives a model's initializers known values and reads them back, so tests can tell which entries a mutation kept.</summary>
internal static class WeightValues
{
    /// <summary>Initializer k (in file order) holds 1000 k + i at flat index i: every value names its tensor and position.</summary>
    public static byte[] Numbered(byte[] onnx) => Edit(onnx, (k, i) => (1000f * k) + i);

    /// <summary>Every initializer uniform in [-0.5, 0.5), seeded.</summary>
    public static byte[] Random(byte[] onnx, int seed)
    {
        var random = new Random(seed);
        return Edit(onnx, (_, _) => (float)random.NextDouble() - 0.5f);
    }

    public static float[] Of(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        var raw = tensor.RawData.ToByteArray();
        return Enumerable.Range(0, raw.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4))).ToArray();
    }

    public static float[] Of(OnnxModelEditor model, string initializer) => Of(model.Initializer(initializer)!);

    /// <summary>Rewrites the named float initializer's values (same count).</summary>
    public static byte[] Replace(byte[] onnx, string initializer, Func<int, float, float> value)
    {
        var model = ModelProto.Parser.ParseFrom(onnx);
        var tensor = model.Graph.Initializer.Single(t => t.Name == initializer);
        var values = Of(tensor);
        Write(tensor, values.Select((v, i) => value(i, v)).ToArray());
        return model.ToByteArray();
    }

    private static byte[] Edit(byte[] onnx, Func<int, int, float> value)
    {
        var model = ModelProto.Parser.ParseFrom(onnx);
        for (var k = 0; k < model.Graph.Initializer.Count; k++)
        {
            var tensor = model.Graph.Initializer[k];
            var count = (int)tensor.Dims.Aggregate(1L, (a, d) => a * d);
            Write(tensor, Enumerable.Range(0, count).Select(i => value(k, i)).ToArray());
        }

        return model.ToByteArray();
    }

    private static void Write(TensorProto tensor, float[] values)
    {
        var raw = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), values[i]);
        }

        tensor.FloatData.Clear();
        tensor.RawData = ByteString.CopyFrom(raw);
    }
}
