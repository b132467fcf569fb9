using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NasPipeline.Tests.Shared.Onnx;

/// <summary>A float output of an ONNX Runtime run: its shape and values.</summary>
internal sealed record OnnxOutput(long[] Shape, float[] Values);

/// <summary>
/// Loads a model in ONNX Runtime (CPU, one thread, no graph optimisations beyond the basic ones, so results compare
/// across runs) and runs it; a model ONNX Runtime refuses fails here with its own message.
/// </summary>
internal static class OnnxRuntimeRun
{
    /// <summary>Runs the model on a seeded uniform [0, 1) input for its one float input (symbolic dims taken as 1).</summary>
    public static IReadOnlyDictionary<string, OnnxOutput> OnRandomInput(byte[] onnx, int seed)
    {
        using var session = Open(onnx);
        var (name, metadata) = session.InputMetadata.Single();
        var shape = metadata.Dimensions.Select(d => d > 0 ? (long)d : 1L).ToArray();
        var random = new Random(seed);
        var values = new float[shape.Aggregate(1L, (a, d) => a * d)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        return Run(session, name, shape, values);
    }

    public static IReadOnlyDictionary<string, OnnxOutput> On(byte[] onnx, long[] shape, float[] values)
    {
        using var session = Open(onnx);
        return Run(session, session.InputMetadata.Keys.Single(), shape, values);
    }

    /// <summary>The model's <c>metadata_props</c> as ONNX Runtime reads them.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(byte[] onnx)
    {
        using var session = Open(onnx);
        return session.ModelMetadata.CustomMetadataMap;
    }

    private static InferenceSession Open(byte[] onnx)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        return new InferenceSession(onnx, options);
    }

    private static Dictionary<string, OnnxOutput> Run(InferenceSession session, string input, long[] shape, float[] values)
    {
        var tensor = new DenseTensor<float>(values, shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
        return results.ToDictionary(r => r.Name, r =>
        {
            // Integer outputs (labels, indices) come back as floats, so every output compares the same way.
            if (r.ElementType == TensorElementType.Int64)
            {
                var integers = r.AsTensor<long>();
                return new OnnxOutput(integers.Dimensions.ToArray().Select(d => (long)d).ToArray(), integers.ToArray().Select(v => (float)v).ToArray());
            }

            var output = r.AsTensor<float>();
            return new OnnxOutput(output.Dimensions.ToArray().Select(d => (long)d).ToArray(), output.ToArray());
        });
    }
}
