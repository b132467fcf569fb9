using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NasPipeline.Cli.Onnx;

/// <summary>One output of a check run: its name, shape, and whether every value is finite.</summary>
public sealed record CheckedOutput(string Name, long[] Shape, int NonFinite, float Min, float Max);

/// <summary>What ONNX Runtime made of a model: the input it was fed and what came out.</summary>
public sealed record OnnxRuntimeReport(string Input, long[] InputShape, IReadOnlyList<CheckedOutput> Outputs, string Version)
{
    public bool AllFinite => Outputs.All(o => o.NonFinite == 0);
}

/// <summary>
/// Loads an ONNX file in ONNX Runtime (CPU) and runs it once on a seeded uniform [0, 1) input, so a user can see that a
/// network the pipeline wrote is usable outside it. A model ONNX Runtime refuses is reported with its own message.
/// </summary>
public static class OnnxRuntimeCheck
{
    /// <param name="shape">The input's shape; null takes the model's own, each symbolic dimension as 1.</param>
    public static OnnxRuntimeReport Run(byte[] onnx, long[]? shape, int seed)
    {
        // Warnings about legacy graphs (initialisers listed as inputs) would bury the answer; errors still throw.
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(onnx, options);
        if (session.InputMetadata.Count != 1)
        {
            throw new OnnxRuntimeCheckException($"the model has {session.InputMetadata.Count} inputs; this check feeds models of one image input.");
        }

        var (name, metadata) = session.InputMetadata.Single();
        if (metadata.ElementType != typeof(float))
        {
            throw new OnnxRuntimeCheckException($"input '{name}' is {metadata.ElementType.Name}; this check feeds float inputs.");
        }

        var dims = shape ?? metadata.Dimensions.Select(d => d > 0 ? (long)d : 1L).ToArray();
        var random = new Random(seed);
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        var tensor = new DenseTensor<float>(values, dims.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(name, tensor)]);
        var outputs = results.Select(r =>
        {
            var output = r.AsTensor<float>().ToArray();
            var finite = output.Where(float.IsFinite).ToArray();
            return new CheckedOutput(r.Name, r.AsTensor<float>().Dimensions.ToArray().Select(d => (long)d).ToArray(),
                output.Length - finite.Length, finite.Length > 0 ? finite.Min() : float.NaN, finite.Length > 0 ? finite.Max() : float.NaN);
        }).ToList();
        return new OnnxRuntimeReport(name, dims, outputs, OrtEnv.Instance().GetVersionString());
    }
}

/// <summary>A model this check cannot feed (several inputs, a non-float input).</summary>
public sealed class OnnxRuntimeCheckException(string message) : Exception(message);
