namespace NasPipeline.Predictors.Metrics;

/// <summary>How well predicted scores order architectures like the true ones.</summary>
public static class RankCorrelation
{
    /// <summary>Spearman's rho: Pearson correlation of average ranks (ties averaged). NaN when either side is constant.</summary>
    public static double Spearman(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        RequireSameLength(truth, predicted);
        return Pearson(Ranks.Average(truth), Ranks.Average(predicted));
    }

    /// <summary>
    /// Kendall's tau-b: (concordant - discordant) / sqrt((n0 - ties in truth)(n0 - ties in predicted)), so ties on one
    /// side shrink the denominator instead of counting as disagreement. Knight's O(n log n) count (sort by truth, then
    /// count the swaps a merge sort by prediction makes), so a streamed evaluation of 500,000 architectures needs
    /// seconds, not the hours of comparing every pair; the counts are the pairwise ones, exactly.
    /// </summary>
    public static double KendallTauB(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        RequireSameLength(truth, predicted);
        if (truth.Any(double.IsNaN) || predicted.Any(double.IsNaN))
        {
            throw new ArithmeticException("Kendall's tau is not defined for NaN values.");
        }

        var n = truth.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (i, j) => truth[i] != truth[j] ? truth[i].CompareTo(truth[j]) : predicted[i].CompareTo(predicted[j]));
        long tiedTruth = 0, tiedBoth = 0;
        for (int i = 0, runTruth = 1, runBoth = 1; i < n; i++)
        {
            var last = i == n - 1;
            var sameTruth = !last && truth[order[i + 1]] == truth[order[i]];
            var sameBoth = sameTruth && predicted[order[i + 1]] == predicted[order[i]];
            if (sameBoth)
            {
                runBoth++;
            }
            else
            {
                tiedBoth += (long)runBoth * (runBoth - 1) / 2;
                runBoth = 1;
            }

            if (sameTruth)
            {
                runTruth++;
            }
            else
            {
                tiedTruth += (long)runTruth * (runTruth - 1) / 2;
                runTruth = 1;
            }
        }

        // Sorted by truth (then prediction), every inversion of the predictions is a discordant pair.
        var values = order.Select(i => predicted[i]).ToArray();
        var swaps = MergeSortCountingSwaps(values, new double[n], 0, n);
        long tiedPredicted = 0;
        for (int i = 0, run = 1; i < n; i++)
        {
            if (i < n - 1 && values[i + 1] == values[i])
            {
                run++;
            }
            else
            {
                tiedPredicted += (long)run * (run - 1) / 2;
                run = 1;
            }
        }

        var pairs = (long)n * (n - 1) / 2;
        var concordantMinusDiscordant = pairs - tiedTruth - tiedPredicted + tiedBoth - 2 * swaps;
        var denominator = Math.Sqrt((double)(pairs - tiedTruth) * (pairs - tiedPredicted));
        return denominator == 0 ? double.NaN : concordantMinusDiscordant / denominator;
    }

    /// <summary>Sorts <paramref name="values"/>[from, to) ascending and returns how many pairs were out of order.</summary>
    private static long MergeSortCountingSwaps(double[] values, double[] scratch, int from, int to)
    {
        if (to - from < 2)
        {
            return 0;
        }

        var middle = (from + to) / 2;
        var swaps = MergeSortCountingSwaps(values, scratch, from, middle) + MergeSortCountingSwaps(values, scratch, middle, to);
        int left = from, right = middle, k = from;
        while (left < middle && right < to)
        {
            if (values[right] < values[left])
            {
                // values[right] jumps every value still waiting on the left: each is a pair out of order.
                swaps += middle - left;
                scratch[k++] = values[right++];
            }
            else
            {
                scratch[k++] = values[left++];
            }
        }

        while (left < middle)
        {
            scratch[k++] = values[left++];
        }

        while (right < to)
        {
            scratch[k++] = values[right++];
        }

        Array.Copy(scratch, from, values, from, to - from);
        return swaps;
    }

    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequireSameLength(x, y);
        var meanX = x.Average();
        var meanY = y.Average();
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }

        return varianceX == 0 || varianceY == 0 ? double.NaN : covariance / Math.Sqrt(varianceX * varianceY);
    }

    internal static void RequireSameLength(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Both sides need the same number of values ({a.Count} vs {b.Count}).");
        }

        if (a.Count < 2)
        {
            throw new ArgumentException("A correlation needs at least two values.");
        }
    }
}
