using System.Diagnostics;
using NasPipeline.Optimization.Indicators;
using NasPipeline.Optimization.Nsga3;
using NasPipeline.Optimization.Problems;

namespace NasPipeline.Optimization.Benchmarks;

/// <summary>The paper's DTLZ experiment (Sec. V-A): per seed, run NSGA-III for the paper's generations and
/// take the IGD of the final population against the reference directions mapped onto the true front.</summary>
public static class DtlzBenchmark
{
    public static DtlzResult Run(string problemName, int objectives, int seeds, int? generationsOverride, Action<string> log)
    {
        var problem = DtlzFactory.Create(problemName, objectives);
        var (directions, populationSize) = PaperSettings.Directions(objectives);
        var generations = generationsOverride ?? PaperSettings.Generations(problemName, objectives);
        var targets = directions.Select(problem.FrontPoint).ToArray();
        var driver = new Nsga3Driver(problem, new Nsga3Options(populationSize, directions));

        var igds = new double[seeds];
        var clock = Stopwatch.StartNew();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var random = new Random(seed);
            var state = driver.Initialize(random);
            for (var g = 0; g < generations; g++) state = driver.Step(state, random);
            igds[seed - 1] = InvertedGenerationalDistance.Compute(targets, state.Population.Select(i => i.Objectives).ToArray());
            log($"{problemName} M={objectives} seed {seed}: IGD {igds[seed - 1]:E3} ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        var sorted = igds.Order().ToArray();
        var reported = PaperSettings.Reported(problemName, objectives);
        return new DtlzResult(
            problemName, objectives, problem.VariableCount, populationSize, directions.Length, generations, seeds,
            sorted[0], Median(sorted), sorted[^1], igds,
            reported?.Best, reported?.Median, reported?.Worst,
            clock.Elapsed.TotalSeconds / seeds);
    }

    /// <summary>Median of a sorted array; the mean of the middle two for an even count (20 seeds).</summary>
    public static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
}
