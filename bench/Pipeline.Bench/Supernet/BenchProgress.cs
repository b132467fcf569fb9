using NasPipeline.Supernet.Training;

namespace NasPipeline.Bench.Supernet;

/// <summary>The supernet benchmarks' progress lines, on stderr so stdout keeps only the tables (or JSON).</summary>
internal static class BenchProgress
{
    public static IProgress<SupernetStepReport> Steps(string what) => new SynchronousProgress<SupernetStepReport>(s =>
    {
        if (s.Step % 25 == 0)
        {
            Console.Error.WriteLine($"[{what}] epoch {s.Epoch + 1} step {s.Step}: loss {s.Loss:F4}, conflict {s.GradientConflict:P0}, {s.ImagesPerSecond:F0} images/s");
        }
    });

    public static IProgress<SupernetEpochReport> Epochs(string what) => new SynchronousProgress<SupernetEpochReport>(e =>
        Console.Error.WriteLine($"[{what}] epoch {e.Epoch + 1}: loss {e.MeanLoss:F4}, distillation {e.MeanDistillationLoss:F4}, conflict {e.GradientConflictRate:P1}, {e.Seconds:F0} s"));
}
