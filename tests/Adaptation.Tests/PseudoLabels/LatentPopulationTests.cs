using NasPipeline.Adaptation.PseudoLabels;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.Tests.PseudoLabels;

/// <summary>AIO-P's rolling population: members spread over depth bins, one replaced per step in turn, the resolution
/// held, the same members for the same seed.</summary>
public sealed class LatentPopulationTests
{
    private static readonly ISearchSpace Mbv3 = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");

    [Fact]
    public void Members_sit_in_depth_bins_that_cover_the_spaces_depths_at_the_largest_resolution()
    {
        var population = new LatentPopulation(Mbv3, size: 8, bins: 4, seed: 1);

        var (low, high) = (LatentPopulation.Depth(Mbv3, Mbv3.Smallest), LatentPopulation.Depth(Mbv3, Mbv3.Largest));
        var ranges = Enumerable.Range(0, population.Bins).Select(population.BinRange).ToList();
        Assert.Equal(4, ranges.Count);
        Assert.Equal(low, ranges[0].Low);
        Assert.Equal(high, ranges[^1].High);
        Assert.All(ranges.Zip(ranges.Skip(1)), p => Assert.Equal(p.First.High + 1, p.Second.Low));
        var resolution = Mbv3.Genes.Select(g => g.Name).ToList().IndexOf("resolution");
        for (var i = 0; i < population.Size; i++)
        {
            var member = population.Members[i];
            Assert.InRange(LatentPopulation.Depth(Mbv3, member), population.BinRange(i).Low, population.BinRange(i).High);
            Assert.Equal(Mbv3.Largest[resolution], member[resolution]);
            Assert.Equal(member, Mbv3.Repair(member));
        }
    }

    [Fact]
    public void Each_advance_replaces_the_next_member_only_and_keeps_it_in_its_bin()
    {
        var population = new LatentPopulation(Mbv3, size: 6, bins: 3, seed: 2);

        for (var step = 0; step < 9; step++)
        {
            var before = population.Members.ToList();
            var replaced = population.Advance();

            Assert.Equal(step % 6, replaced);
            for (var i = 0; i < population.Size; i++)
            {
                if (i != replaced)
                {
                    Assert.Same(before[i], population.Members[i]);
                }
            }

            Assert.InRange(LatentPopulation.Depth(Mbv3, population.Members[replaced]), population.BinRange(replaced).Low, population.BinRange(replaced).High);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_members_step_by_step()
    {
        var first = new LatentPopulation(Mbv3, size: 5, bins: 5, seed: 3);
        var second = new LatentPopulation(Mbv3, size: 5, bins: 5, seed: 3);

        for (var step = 0; step < 7; step++)
        {
            Assert.Equal(first.Members, second.Members);
            first.Advance();
            second.Advance();
        }

        Assert.NotEqual(first.Members, new LatentPopulation(Mbv3, size: 5, bins: 5, seed: 4).Members);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 5)]
    [InlineData(4, 0)]
    public void A_population_that_cannot_give_a_standard_deviation_or_fill_its_bins_is_refused(int size, int bins) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatentPopulation(Mbv3, size, bins, seed: 1));
}
