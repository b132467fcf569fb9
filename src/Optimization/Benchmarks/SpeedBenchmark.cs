using System.Diagnostics;
using NasPipeline.Optimization.Nsga3;
using NasPipeline.Optimization.Problems;
using NasPipeline.Optimization.Sorting;

namespace NasPipeline.Optimization.Benchmarks;

/// <summary>Per-generation cost of NSGA-III itself (mating, variation, duplicate elimination, sorting,
/// normalisation, association, niching) on DTLZ2, with the problem's evaluation outside the clock.</summary>
public static class SpeedBenchmark
{
    /// <summary>The two reported cases: population 100 with the 91 directions of p = 12 (3 objectives), and the
    /// paper's 10-objective setting (two-layer p1 = 3, p2 = 2, N = 276).</summary>
    public static IReadOnlyList<SpeedResult> RunStandardCases() =>
    [
        Run(3, 100, ReferenceDirections.DasDennis(3, 12), warmup: 100, generations: 500),
        Run(10, 276, ReferenceDirections.TwoLayer(10, 3, 2), warmup: 50, generations: 200),
    ];

    public static SpeedResult Run(int objectives, int populationSize, double[][] directions, int warmup, int generations)
    {
        var problem = new Dtlz2(objectives);
        var driver = new Nsga3Driver(problem, new Nsga3Options(populationSize, directions));
        var random = new Random(1);
        var state = driver.Initialize(random);
        for (var g = 0; g < warmup; g++) state = driver.Step(state, random);

        var overhead = new double[generations];
        var sort = new double[generations];
        var clock = new Stopwatch();
        for (var g = 0; g < generations; g++)
        {
            clock.Restart();
            var offspring = driver.ProposeOffspring(state, random);
            var mating = clock.Elapsed.TotalMilliseconds;

            var evaluations = problem.Evaluate(offspring);
            var evaluated = offspring.Select((x, i) => Individual.From(x, evaluations[i])).ToArray();

            clock.Restart();
            var next = driver.Survive(state, evaluated, random);
            overhead[g] = mating + clock.Elapsed.TotalMilliseconds;

            var merged = state.Population.Concat(evaluated).ToArray();
            var objectivesOnly = merged.Select(i => i.Objectives).ToArray();
            var violations = merged.Select(i => i.ConstraintViolation).ToArray();
            clock.Restart();
            NondominatedSorting.Sort(objectivesOnly, violations);
            sort[g] = clock.Elapsed.TotalMilliseconds;
            state = next;
        }
        return new SpeedResult(objectives, populationSize, directions.Length, generations,
            DtlzBenchmark.Median([.. overhead.Order()]), DtlzBenchmark.Median([.. sort.Order()]));
    }
}
