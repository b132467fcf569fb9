using NasPipeline.Predictors.Metrics;

namespace NasPipeline.Predictors.Tests;

public sealed class RankCorrelationTests
{
    // x = [1,2,2,3], y = [1,3,2,2]; pairs: 3 concordant, 1 discordant, one tied in x only, one tied in y only.
    // tau-b = (3 - 1) / sqrt((6 - 1)(6 - 1)) = 0.4. Ranks x = [1,2.5,2.5,4], y = [1,4,2.5,2.5]: rho = 2.25 / 4.5 = 0.5.
    private static readonly double[] X = [1, 2, 2, 3];
    private static readonly double[] Y = [1, 3, 2, 2];

    [Fact]
    public void Kendall_tau_b_with_ties_on_both_sides_matches_the_hand_count() =>
        Assert.Equal(0.4, RankCorrelation.KendallTauB(X, Y), 12);

    [Fact]
    public void Spearman_with_ties_uses_average_ranks() =>
        Assert.Equal(0.5, RankCorrelation.Spearman(X, Y), 12);

    [Fact]
    public void Spearman_with_a_tie_in_one_list_matches_the_worked_value()
    {
        // Ranks y = [1,2,3.5,5,3.5]; sum dx*dy = 8, sum dx^2 = 10, sum dy^2 = 9.5: rho = 8 / sqrt(95).
        Assert.Equal(8 / Math.Sqrt(95), RankCorrelation.Spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 12);
    }

    [Fact]
    public void Perfect_and_reversed_orders_give_plus_and_minus_one()
    {
        double[] a = [0.1, 0.4, 0.2, 0.9];
        double[] b = [10, 40, 20, 90];
        Assert.Equal(1, RankCorrelation.Spearman(a, b), 12);
        Assert.Equal(1, RankCorrelation.KendallTauB(a, b), 12);
        Assert.Equal(-1, RankCorrelation.Spearman(a, b.Select(v => -v).ToArray()), 12);
        Assert.Equal(-1, RankCorrelation.KendallTauB(a, b.Select(v => -v).ToArray()), 12);
    }

    [Fact]
    public void Kendall_without_ties_is_the_plain_tau()
    {
        // [1,2,3,4] vs [2,1,4,3]: 4 concordant, 2 discordant of 6 pairs: (4 - 2) / 6.
        Assert.Equal(2.0 / 6, RankCorrelation.KendallTauB([1, 2, 3, 4], [2, 1, 4, 3]), 12);
    }

    [Fact]
    public void Constant_side_has_no_correlation()
    {
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 2, 3], [5, 5, 5])));
        Assert.True(double.IsNaN(RankCorrelation.KendallTauB([1, 2, 3], [5, 5, 5])));
    }

    [Fact]
    public void Average_ranks_share_the_mean_of_the_tied_positions() =>
        Assert.Equal([2.0, 4, 2, 2, 5], Ranks.Average([7, 8, 7, 7, 9]));

    [Fact]
    public void Mean_absolute_error_matches_the_hand_sum() =>
        Assert.Equal((0.5 + 1 + 0) / 3, ErrorMetrics.MeanAbsoluteError([1, 2, 3], [1.5, 1, 3]), 12);

    [Theory]
    [InlineData(1, 50, 4)]
    [InlineData(2, 400, 7)]
    [InlineData(3, 1000, 1000000)]
    [InlineData(4, 2, 1)]
    public void Kendall_counts_every_pair_as_comparing_each_pair_does(int seed, int n, int levels)
    {
        // Few levels: many ties on each side and on both at once; a million levels: almost none.
        var random = new Random(seed);
        var truth = Enumerable.Range(0, n).Select(_ => (double)random.Next(levels)).ToArray();
        var predicted = truth.Select(t => random.Next(3) == 0 ? t : random.Next(levels)).Select(v => (double)v).ToArray();

        Assert.Equal(PairwiseTauB(truth, predicted), RankCorrelation.KendallTauB(truth, predicted), 12);
    }

    [Fact]
    public void Kendall_of_NaN_is_refused() =>
        Assert.Throws<ArithmeticException>(() => RankCorrelation.KendallTauB([1, double.NaN, 3], [1, 2, 3]));

    /// <summary>The definition, pair by pair: the oracle for the O(n log n) count.</summary>
    private static double PairwiseTauB(double[] x, double[] y)
    {
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = i + 1; j < x.Length; j++)
            {
                var (a, b) = (Math.Sign(x[i] - x[j]), Math.Sign(y[i] - y[j]));
                tiedX += a == 0 ? 1 : 0;
                tiedY += b == 0 ? 1 : 0;
                concordant += a != 0 && a == b ? 1 : 0;
                discordant += a != 0 && b != 0 && a != b ? 1 : 0;
            }
        }

        var pairs = (long)x.Length * (x.Length - 1) / 2;
        var denominator = Math.Sqrt((double)(pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? double.NaN : (concordant - discordant) / denominator;
    }

    [Fact]
    public void Lists_of_different_lengths_are_refused() =>
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2], [1, 2, 3]));
}
