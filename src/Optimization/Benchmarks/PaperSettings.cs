using NasPipeline.Optimization.Nsga3;

namespace NasPipeline.Optimization.Benchmarks;

/// <summary>The NSGA-III paper's DTLZ settings (Deb &amp; Jain 2014, IEEE TEVC 18(4)): reference points and
/// population sizes from Table I, generation counts and NSGA-III's IGD from Table III.</summary>
public static class PaperSettings
{
    /// <summary>Table I: M = 3 p = 12 (H 91, N 92); M = 5 p = 6 (210, 212); M = 8 p1 = 3, p2 = 2 (156, 156);
    /// M = 10 p1 = 3, p2 = 2 (275, 276). N is the smallest multiple of 4 above H.</summary>
    public static (double[][] Directions, int PopulationSize) Directions(int objectives) => objectives switch
    {
        3 => (ReferenceDirections.DasDennis(3, 12), 92),
        5 => (ReferenceDirections.DasDennis(5, 6), 212),
        8 => (ReferenceDirections.TwoLayer(8, 3, 2), 156),
        10 => (ReferenceDirections.TwoLayer(10, 3, 2), 276),
        15 => (ReferenceDirections.TwoLayer(15, 2, 1), 136),
        _ => throw new ArgumentException($"The paper has no setting for M = {objectives} (3, 5, 8, 10, 15)."),
    };

    /// <summary>Table III's generation counts, per problem and M.</summary>
    public static int Generations(string problem, int objectives) => (problem, objectives) switch
    {
        ("dtlz1", 3) => 400, ("dtlz1", 5) => 600, ("dtlz1", 8) => 750, ("dtlz1", 10) => 1000, ("dtlz1", 15) => 1500,
        ("dtlz2", 3) => 250, ("dtlz2", 5) => 350, ("dtlz2", 8) => 500, ("dtlz2", 10) => 750, ("dtlz2", 15) => 1000,
        ("dtlz3", 3) => 1000, ("dtlz3", 5) => 1000, ("dtlz3", 8) => 1000, ("dtlz3", 10) => 1500, ("dtlz3", 15) => 2000,
        ("dtlz4", 3) => 600, ("dtlz4", 5) => 1000, ("dtlz4", 8) => 1250, ("dtlz4", 10) => 2000, ("dtlz4", 15) => 3000,
        _ => throw new ArgumentException($"No generation count for {problem} M = {objectives}."),
    };

    /// <summary>Table III, NSGA-III rows (transcribed; best / median / worst IGD over 20 runs).</summary>
    public static ReportedIgd? Reported(string problem, int objectives) => (problem, objectives) switch
    {
        ("dtlz1", 3) => new(4.880e-4, 1.308e-3, 4.880e-3),
        ("dtlz1", 5) => new(5.116e-4, 9.799e-4, 1.979e-3),
        ("dtlz1", 8) => new(2.044e-3, 3.979e-3, 8.721e-3),
        ("dtlz1", 10) => new(2.215e-3, 3.462e-3, 6.869e-3),
        ("dtlz1", 15) => new(2.649e-3, 5.063e-3, 1.123e-2),
        ("dtlz2", 3) => new(1.262e-3, 1.357e-3, 2.114e-3),
        ("dtlz2", 5) => new(4.254e-3, 4.982e-3, 5.862e-3),
        ("dtlz2", 8) => new(1.371e-2, 1.571e-2, 1.811e-2),
        ("dtlz2", 10) => new(1.350e-2, 1.528e-2, 1.697e-2),
        ("dtlz2", 15) => new(1.360e-2, 1.726e-2, 2.114e-2),
        ("dtlz3", 3) => new(9.751e-4, 4.007e-3, 6.665e-3),
        ("dtlz3", 5) => new(3.086e-3, 5.960e-3, 1.196e-2),
        ("dtlz3", 8) => new(1.244e-2, 2.375e-2, 9.649e-2),
        ("dtlz3", 10) => new(8.849e-3, 1.188e-2, 2.083e-2),
        ("dtlz3", 15) => new(1.401e-2, 2.145e-2, 4.195e-2),
        ("dtlz4", 3) => new(2.915e-4, 5.970e-4, 4.286e-1),
        ("dtlz4", 5) => new(9.849e-4, 1.255e-3, 1.721e-3),
        ("dtlz4", 8) => new(5.079e-3, 7.054e-3, 6.051e-1),
        ("dtlz4", 10) => new(5.694e-3, 6.337e-3, 1.076e-1),
        ("dtlz4", 15) => new(7.110e-3, 3.431e-2, 1.073e-1),
        _ => null,
    };
}
