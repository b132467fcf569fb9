using NasPipeline.Adaptation.Nat;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.Tests;

public sealed class ArchiveDistributionTests
{
    private static readonly ISearchSpace Space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");

    [Fact]
    public void Each_gene_takes_each_value_with_its_share_of_the_archive()
    {
        var a = Space.Smallest.ToArray();
        var b = Space.Largest.ToArray();
        var c = Space.Smallest.ToArray();
        c[0] = 1;

        var distribution = ArchiveDistribution.Of(Space, [a, b, c, a]);

        // Gene 0 (resolution): a, a -> smallest's value, b -> largest's, c -> 1: shares 2/4, 1/4, 1/4 by value.
        var gene0 = new double[Space.Genes[0].Choices];
        gene0[a[0]] += 0.5;
        gene0[b[0]] += 0.25;
        gene0[1] += 0.25;
        Assert.Equal(gene0, distribution.Probabilities[0]);
        var gene1 = new double[Space.Genes[1].Choices];
        gene1[a[1]] += 0.75;
        gene1[b[1]] += 0.25;
        Assert.Equal(gene1, distribution.Probabilities[1]);
        Assert.All(distribution.Probabilities, p => Assert.Equal(1.0, p.Sum(), 12));
    }

    [Fact]
    public void Draws_follow_the_shares_and_never_take_a_value_no_member_has()
    {
        var a = Space.Smallest.ToArray();
        var b = Space.Largest.ToArray();
        var distribution = ArchiveDistribution.Of(Space, [a, a, a, b]);
        var random = new Random(7);

        var draws = Enumerable.Range(0, 20_000).Select(_ => distribution.Sample(random)).ToList();

        for (var gene = 0; gene < Space.Genes.Count; gene++)
        {
            Assert.All(draws, d => Assert.True(d[gene] == a[gene] || d[gene] == b[gene]));
            if (a[gene] != b[gene])
            {
                var share = draws.Count(d => d[gene] == b[gene]) / 20_000.0;
                // Binomial(20000, 0.25): standard deviation 0.0031; 5 of them is a bound no correct sampler crosses by chance.
                Assert.InRange(share, 0.25 - 0.016, 0.25 + 0.016);
            }
        }
    }

    [Fact]
    public void An_empty_archive_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ArchiveDistribution.Of(Space, []));
    }
}
