namespace NasPipeline.Optimization.Benchmarks;

/// <summary>Median milliseconds per generation of NSGA-III's own work (evaluation excluded) and of the
/// non-dominated sort of R_t alone, measured in the same run.</summary>
public sealed record SpeedResult(int Objectives, int PopulationSize, int ReferenceDirections, int Generations,
    double OverheadMs, double SortMs)
{
    public double Ratio => OverheadMs / SortMs;
}
