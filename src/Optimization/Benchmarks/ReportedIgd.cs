namespace NasPipeline.Optimization.Benchmarks;

/// <summary>Reported NSGA-III IGD over 20 runs (best, median, worst).</summary>
public sealed record ReportedIgd(double Best, double Median, double Worst);
