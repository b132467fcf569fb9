using System.Globalization;

namespace NasPipeline.Optimization.Benchmarks;

/// <summary>Markdown rows for the README: measured IGD beside the paper's, and the speed table.</summary>
public static class MarkdownTables
{
    public const string DtlzHeader =
        "| Problem | M | n | N | H | Gens | Seeds | IGD best | IGD median | IGD worst | Paper best | Paper median | Paper worst | s/run |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public static string DtlzRow(DtlzResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Problem.ToUpperInvariant()} | {r.Objectives} | {r.Variables} | {r.PopulationSize} | {r.ReferenceDirections} | {r.Generations} | {r.Seeds} | " +
        $"{r.IgdBest:0.000E+0} | {r.IgdMedian:0.000E+0} | {r.IgdWorst:0.000E+0} | {Format(r.PaperIgdBest)} | {Format(r.PaperIgdMedian)} | {Format(r.PaperIgdWorst)} | {r.SecondsPerRun:F1} |");

    public const string SpeedHeader =
        "| M | N | H | Gens timed | NSGA-III ms/gen (median) | Sort alone ms/gen | Ratio |\n" +
        "|---|---|---|---|---|---|---|";

    public static string SpeedRow(SpeedResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Objectives} | {r.PopulationSize} | {r.ReferenceDirections} | {r.Generations} | {r.OverheadMs:F3} | {r.SortMs:F3} | {r.Ratio:F2} |");

    /// <summary>The target: under 5 ms per generation for population 100 and 3 objectives.</summary>
    public static string SpeedVerdict(SpeedResult threeObjectives) => threeObjectives.OverheadMs < 5.0
        ? "3-objective overhead is under the 5 ms target."
        : "3-objective overhead MISSES the 5 ms target.";

    private static string Format(double? value) =>
        value is null ? "-" : value.Value.ToString("0.000E+0", CultureInfo.InvariantCulture);
}
