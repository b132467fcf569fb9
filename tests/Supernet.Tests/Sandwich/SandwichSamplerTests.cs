using NasPipeline.SearchSpaces.MobileNetV3;
using NasPipeline.Supernet.Sandwich;
using NasPipeline.Supernet.Tests.Fixtures;

namespace NasPipeline.Supernet.Tests.Sandwich;

public sealed class SandwichSamplerTests
{
    private static readonly GridSpace Space = new("grid", 3, 4, 5, 2, 7);

    [Fact]
    public void Each_step_is_largest_smallest_then_two_random()
    {
        var sampler = new SandwichSampler(Space, seed: 1);
        for (var step = 0; step < 20; step++)
        {
            var subnets = sampler.Next();
            Assert.Equal(4, subnets.Count);
            Assert.Equal(Space.Largest, subnets[0]);
            Assert.Equal(Space.Smallest, subnets[1]);
            Assert.All(subnets.Skip(2), s => Assert.Equal(Space.Repair(s), s));
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        var a = new SandwichSampler(Space, seed: 7);
        var b = new SandwichSampler(Space, seed: 7);
        var c = new SandwichSampler(Space, seed: 8);
        var sa = Enumerable.Range(0, 10).SelectMany(_ => a.Next().Skip(2)).Select(s => string.Join(",", s)).ToList();
        var sb = Enumerable.Range(0, 10).SelectMany(_ => b.Next().Skip(2)).Select(s => string.Join(",", s)).ToList();
        var sc = Enumerable.Range(0, 10).SelectMany(_ => c.Next().Skip(2)).Select(s => string.Join(",", s)).ToList();
        Assert.Equal(sa, sb);
        Assert.NotEqual(sa, sc);
    }

    [Fact]
    public void Random_subnets_vary_across_steps()
    {
        var sampler = new SandwichSampler(Space, seed: 3, randomSubnets: 3);
        var distinct = Enumerable.Range(0, 10).SelectMany(_ => sampler.Next().Skip(2)).Select(s => string.Join(",", s)).Distinct().Count();
        Assert.Equal(5, sampler.SubnetsPerStep);
        Assert.True(distinct > 10, $"only {distinct} distinct random subnets in 30 draws");
    }

    [Fact]
    public void A_shared_resolution_puts_every_subnet_of_a_step_at_one_drawn_resolution()
    {
        var space = new MobileNetV3Space();
        var sampler = new SandwichSampler(space, seed: 5, randomSubnets: 2, sharedResolution: true);
        var drawn = new HashSet<int>();
        for (var step = 0; step < 60; step++)
        {
            var subnets = sampler.Next();
            var resolution = subnets[0][0];
            Assert.All(subnets, s => Assert.Equal(resolution, s[0]));
            Assert.Equal(space.Largest.Skip(1), subnets[0].Skip(1));
            Assert.Equal(space.Smallest.Skip(1), subnets[1].Skip(1));
            drawn.Add(resolution);
        }

        Assert.Equal([0, 1, 2], drawn.Order());
    }

    [Fact]
    public void Without_a_shared_resolution_the_ends_keep_their_own()
    {
        var space = new MobileNetV3Space();
        var subnets = new SandwichSampler(space, seed: 5).Next();
        Assert.Equal(2, subnets[0][0]);
        Assert.Equal(0, subnets[1][0]);
    }

    [Fact]
    public void A_space_without_a_resolution_gene_cannot_share_one()
    {
        var error = Assert.Throws<ArgumentException>(() => new SandwichSampler(Space, seed: 1, sharedResolution: true));
        Assert.Contains("no resolution gene", error.Message, StringComparison.Ordinal);
    }
}
