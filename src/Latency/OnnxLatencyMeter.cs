using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NasPipeline.Latency;

/// <summary>One model's timing: the median and every timed run, in milliseconds.</summary>
public sealed record LatencyTiming(double MedianMs, IReadOnlyList<double> RunsMs);

/// <summary>
/// Times an ONNX model in ONNX Runtime on this CPU at batch 1: warm-up runs, then the median of the timed runs
/// (the median, as one descheduled run on a shared machine would move a mean). Symbolic input dimensions are taken
/// as 1; the input is a fixed ramp, since these networks do the same work for any values.
/// </summary>
public sealed class OnnxLatencyMeter(LatencySettings settings)
{
    public LatencySettings Settings => settings;

    public LatencyTiming Measure(byte[] onnx)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = settings.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        using var session = new InferenceSession(onnx, options);
        var inputs = session.InputMetadata.Select(input => Input(input.Key, input.Value)).ToList();
        for (var i = 0; i < settings.WarmupRuns; i++)
        {
            session.Run(inputs).Dispose();
        }

        var runs = new double[settings.TimedRuns];
        for (var i = 0; i < runs.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            session.Run(inputs).Dispose();
            runs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return new LatencyTiming(Median.Of(runs), runs);
    }

    private static NamedOnnxValue Input(string name, NodeMetadata metadata)
    {
        if (metadata.ElementType != typeof(float))
        {
            throw new NotSupportedException($"Input '{name}' is {metadata.ElementType.Name}; latency is timed on float inputs.");
        }

        var dims = metadata.Dimensions.Select(d => d > 0 ? d : 1).ToArray();
        var values = new float[dims.Aggregate(1, (a, d) => a * d)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i % 256 / 255f;
        }

        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, dims));
    }
}
