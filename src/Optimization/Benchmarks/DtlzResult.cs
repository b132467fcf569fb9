namespace NasPipeline.Optimization.Benchmarks;

/// <summary>One table cell: IGD over seeds for a problem and M, beside the paper's numbers.</summary>
public sealed record DtlzResult(
    string Problem,
    int Objectives,
    int Variables,
    int PopulationSize,
    int ReferenceDirections,
    int Generations,
    int Seeds,
    double IgdBest,
    double IgdMedian,
    double IgdWorst,
    double[] IgdPerSeed,
    double? PaperIgdBest,
    double? PaperIgdMedian,
    double? PaperIgdWorst,
    double SecondsPerRun);
