using NasPipeline.Optimization.Nsga3;

namespace NasPipeline.Search.Loop;

/// <summary>Das-Dennis directions with the largest p whose count C(p+M-1, M-1) does not exceed the population
/// (NSGA-III's rule N ~ H); at least p = 1.</summary>
internal static class ReferenceDirectionsFor
{
    public static double[][] Population(int objectives, int population)
    {
        var p = 1;
        while (Count(objectives, p + 1) <= population)
        {
            p++;
        }

        return ReferenceDirections.DasDennis(objectives, p);
    }

    private static long Count(int objectives, int p)
    {
        long c = 1;
        for (var k = 1; k < objectives; k++)
        {
            c = c * (p + k) / k;
        }

        return c;
    }
}
