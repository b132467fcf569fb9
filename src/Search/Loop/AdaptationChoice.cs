namespace NasPipeline.Search.Loop;

/// <summary>A front member offered for adaptation: its name and objectives as NSGA-III minimises them.</summary>
internal sealed record AdaptationCandidate(string Name, double[] Objectives);

/// <summary>
/// Which front members an iteration sends for adaptation. Measured subnets correct the predictor where they lie, so
/// NAT spreads them along the trade-off: k members all at the accurate, expensive end teach it nothing about the cheap
/// end the user may pick from. The spread is greedy farthest-point in objectives scaled to the pool's range (each axis
/// counts alike whatever its units): first the best by the first objective (what the old rule sent first), then, one
/// at a time, the member whose nearest already-chosen member is farthest. That takes the extremes and then fills the
/// widest gaps, for any number of objectives. Equal distances go to the smaller name, so the choice is deterministic.
/// </summary>
internal static class AdaptationChoice
{
    /// <summary>Rules version 1: the k best by the first objective, ties by name.</summary>
    public static IReadOnlyList<string> ByFirstObjective(IReadOnlyList<AdaptationCandidate> pool, int k) =>
        pool.OrderBy(c => c.Objectives[0]).ThenBy(c => c.Name, StringComparer.Ordinal).Take(k).Select(c => c.Name).ToList();

    /// <summary>Rules version 2: k members spread along the front, in the order chosen.</summary>
    public static IReadOnlyList<string> SpreadAlongFront(IReadOnlyList<AdaptationCandidate> pool, int k)
    {
        var remaining = pool.DistinctBy(c => c.Name).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        if (remaining.Count == 0 || k <= 0)
        {
            return [];
        }

        var scaled = Scaled(remaining);
        var first = ByFirstObjective(remaining, 1)[0];
        var chosen = new List<string> { first };
        // Nearest chosen member's distance per candidate, updated as members are chosen.
        var nearest = remaining.Select(c => Distance(scaled[c.Name], scaled[first])).ToArray();
        while (chosen.Count < Math.Min(k, remaining.Count))
        {
            var next = -1;
            for (var i = 0; i < remaining.Count; i++)
            {
                // Ordered by name, so the strict comparison keeps the smaller name on a tie.
                if (!chosen.Contains(remaining[i].Name) && (next < 0 || nearest[i] > nearest[next]))
                {
                    next = i;
                }
            }

            var name = remaining[next].Name;
            chosen.Add(name);
            for (var i = 0; i < remaining.Count; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance(scaled[remaining[i].Name], scaled[name]));
            }
        }

        return chosen;
    }

    private static Dictionary<string, double[]> Scaled(IReadOnlyList<AdaptationCandidate> pool)
    {
        var m = pool[0].Objectives.Length;
        var low = Enumerable.Range(0, m).Select(j => pool.Min(c => c.Objectives[j])).ToArray();
        var high = Enumerable.Range(0, m).Select(j => pool.Max(c => c.Objectives[j])).ToArray();
        // An axis on which every member agrees separates none of them: it adds 0 whatever its scale.
        return pool.ToDictionary(c => c.Name,
            c => c.Objectives.Select((f, j) => high[j] > low[j] ? (f - low[j]) / (high[j] - low[j]) : 0.0).ToArray(), StringComparer.Ordinal);
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}
