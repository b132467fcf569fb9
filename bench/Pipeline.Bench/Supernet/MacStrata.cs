using NasPipeline.SearchSpaces;

namespace NasPipeline.Bench.Supernet;

/// <summary>
/// Subnets spread evenly over a space's MAC range: random points of similar size differ by seed noise only, so a
/// ranking test needs subnets from the whole range. The range is cut into equal steps of log MACs and each step takes
/// the sampled point nearest its centre.
/// </summary>
public static class MacStrata
{
    public static IReadOnlyList<IReadOnlyList<int>> Select(ISearchSpace space, int count, Random random, int pool = 4_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var candidates = new List<IReadOnlyList<int>> { space.Smallest, space.Largest };
        for (var i = 0; i < pool; i++)
        {
            candidates.Add(space.Sample(random));
        }

        var logMacs = candidates.Select(p => Math.Log(space.Cost(p).Macs)).ToArray();
        var (low, high) = (logMacs.Min(), logMacs.Max());
        var chosen = new List<IReadOnlyList<int>>();
        var taken = new HashSet<string>();
        for (var stratum = 0; stratum < count; stratum++)
        {
            var centre = low + (high - low) * stratum / (count - 1);
            var nearest = Enumerable.Range(0, candidates.Count)
                .Where(i => !taken.Contains(Key(candidates[i])))
                .MinBy(i => Math.Abs(logMacs[i] - centre));
            taken.Add(Key(candidates[nearest]));
            chosen.Add(candidates[nearest]);
        }

        return chosen;
    }

    private static string Key(IReadOnlyList<int> point) => string.Join(',', point);
}
