using NasPipeline.SearchSpaces;

namespace NasPipeline.Supernet.Sandwich;

/// <summary>
/// The sandwich rule (BigNAS / NASViT): every step trains the largest subnet, the smallest, and a few random ones
/// in between. Random points come from the space's own sampler, repaired, with a generator seeded once per run.
/// </summary>
/// <param name="sharedResolution">Every subnet of a step runs at one resolution drawn for the step (OFA's elastic
/// resolution), so each architecture, the two ends included, trains at every resolution; otherwise each subnet keeps its
/// own resolution gene and the ends only ever see the largest and the smallest.</param>
public sealed class SandwichSampler(ISearchSpace space, int seed, int randomSubnets = 2, bool sharedResolution = false) : ISubnetSampler
{
    private readonly Random _random = new(seed);
    private readonly int _resolutionGene = sharedResolution ? ResolutionGene(space) : -1;

    public int SubnetsPerStep => 2 + randomSubnets;

    /// <summary>The step's subnets: largest first (the teacher), then smallest, then the random ones.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Next()
    {
        var subnets = new List<IReadOnlyList<int>>(SubnetsPerStep) { space.Largest, space.Smallest };
        for (var i = 0; i < randomSubnets; i++)
        {
            subnets.Add(space.Repair(space.Sample(_random)));
        }

        if (_resolutionGene < 0)
        {
            return subnets;
        }

        var resolution = _random.Next(space.Genes[_resolutionGene].Choices);
        return subnets.Select(s => (IReadOnlyList<int>)s.Select((g, i) => i == _resolutionGene ? resolution : g).ToArray()).ToList();
    }

    private static int ResolutionGene(ISearchSpace space)
    {
        for (var i = 0; i < space.Genes.Count; i++)
        {
            if (space.Genes[i].Name == "resolution")
            {
                return i;
            }
        }

        throw new ArgumentException($"Space {space.Name} has no resolution gene to share across a step.", nameof(space));
    }
}
