namespace NasPipeline.Contracts.Model;

/// <summary>
/// A candidate's inference latency, timed with ONNX Runtime on the machine that scored it: batch 1, <see cref="WarmupRuns"/>
/// untimed runs, then the median of <see cref="TimedRuns"/>, on <see cref="Threads"/> intra-op threads. Recorded in the
/// run's events so a replay ranks by the same figures; <see cref="GraphHash"/> (SHA-256 of the exported ONNX) is the
/// key it was cached under, and <see cref="Device"/> names the processor it was timed on.
/// </summary>
public sealed record MeasuredLatency(double MedianMs, int Threads, int WarmupRuns, int TimedRuns, string GraphHash, string Device);
