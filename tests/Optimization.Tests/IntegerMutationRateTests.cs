using NasPipeline.Optimization.Variation;

namespace NasPipeline.Optimization.Tests;

/// <summary>How often rounded polynomial mutation changes a 3-valued gene (values 0, 1, 2) it was asked to mutate,
/// measured over seeded draws against the closed form.</summary>
public class IntegerMutationRateTests
{
    private const int Draws = 40_000;

    /// <summary>
    /// Independent derivation. The integer form mutates over [-1/2, 5/2] (width 3) and rounds. From the middle value 1
    /// (delta = 1/2 on both sides) it changes when |delta_q| &gt; 1/6; solving the two branches for u gives, with
    /// q = (5/6)^(eta+1) and c = (1/2)^(eta+1), P = (q - c) / (1 - c). From an end value, say 0 (delta_1 = 1/6,
    /// delta_2 = 5/6), only the upward branch (u &gt;= 1/2) can leave the cell: with v = 2u - 1 uniform on [0, 1) it
    /// does when v &gt; (1 - q) / (1 - d), d = (1/6)^(eta+1), so P = (1/2)(q - d) / (1 - d).
    /// </summary>
    private static double Expected(double eta, int value)
    {
        var q = Math.Pow(5.0 / 6.0, eta + 1);
        if (value == 1)
        {
            var c = Math.Pow(0.5, eta + 1);
            return (q - c) / (1 - c);
        }

        var d = Math.Pow(1.0 / 6.0, eta + 1);
        return 0.5 * (q - d) / (1 - d);
    }

    private static double Measured(double eta, int value, int seed)
    {
        var random = new Random(seed);
        var changed = 0;
        for (var i = 0; i < Draws; i++)
        {
            if (PolynomialMutation.MutateInteger(value, 0, 2, eta, random) != value)
            {
                changed++;
            }
        }

        return (double)changed / Draws;
    }

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(1.0, 1)]
    [InlineData(1.0, 2)]
    [InlineData(20.0, 0)]
    [InlineData(20.0, 1)]
    [InlineData(20.0, 2)]
    public void The_share_of_changed_genes_matches_the_closed_form(double eta, int value)
    {
        var expected = Expected(eta, value);
        // Four binomial standard deviations: a correct operator fails this about once in 16 000 seeds.
        var tolerance = 4 * Math.Sqrt(expected * (1 - expected) / Draws);

        Assert.InRange(Measured(eta, value, seed: 11 + value), expected - tolerance, expected + tolerance);
    }

    [Fact]
    public void Eta_one_changes_a_three_valued_gene_far_more_often_than_eta_twenty()
    {
        // Over the three values equally often, as genes of a sampled population would be.
        var natShare = Enumerable.Range(0, 3).Average(v => Measured(1.0, v, seed: 5));
        var paperShare = Enumerable.Range(0, 3).Average(v => Measured(20.0, v, seed: 5));

        Assert.InRange(natShare, 0.40, 0.45);
        Assert.InRange(paperShare, 0.010, 0.020);
        Assert.True(natShare > 20 * paperShare, $"eta 1: {natShare:P1}, eta 20: {paperShare:P1}");
    }
}
