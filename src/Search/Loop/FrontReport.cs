using NasPipeline.Contracts.Events;
using NasPipeline.Optimization.Indicators;
using NasPipeline.Optimization.Problems;
using NasPipeline.Optimization.Sorting;

namespace NasPipeline.Search.Loop;

/// <summary>The first front of a population (feasible members first, by constraint domination) as the user reads
/// it, and its hypervolume in objectives scaled to [0, 1] by the initial archive's range, reference point 1.1
/// (exact for 2-3 objectives, seeded Monte-Carlo beyond).</summary>
internal sealed class FrontReport(double[] low, double[] high)
{
    private const int MonteCarloSamples = 20_000;

    public static FrontReport FromArchive(IReadOnlyList<double[]> objectives)
    {
        var m = objectives[0].Length;
        return new FrontReport(
            Enumerable.Range(0, m).Select(j => objectives.Min(o => o[j])).ToArray(),
            Enumerable.Range(0, m).Select(j => objectives.Max(o => o[j])).ToArray());
    }

    public static IReadOnlyList<Individual> FirstFront(IReadOnlyList<Individual> population)
    {
        var fronts = NondominatedSorting.Sort(population.Select(i => i.Objectives).ToArray(), population.Select(i => i.ConstraintViolation).ToArray());
        return fronts[0].Select(i => population[i]).ToList();
    }

    public double Hypervolume(IReadOnlyList<Individual> front, Random random)
    {
        var scaled = front.Select(i => i.Objectives.Select((f, j) => (f - low[j]) / Math.Max(high[j] - low[j], 1e-12)).ToArray()).ToList();
        var reference = Enumerable.Repeat(1.1, low.Length).ToArray();
        return low.Length <= 3
            ? ExactHypervolume.Compute(scaled, reference)
            : MonteCarloHypervolume.Estimate(scaled, reference, MonteCarloSamples, random);
    }

    public static IReadOnlyList<FrontMember> Members(IReadOnlyList<Individual> front, Func<double[], string> name, Func<string, FrontMember> member) =>
        front.Select(i => name(i.Decision)).Distinct().Order(StringComparer.Ordinal).Select(member).ToList();
}
