using NasPipeline.Supernet.Sandwich;

namespace NasPipeline.Bench.Supernet;

/// <summary>The same subnets every step: the largest alone is the baseline a sandwich step is compared with.</summary>
internal sealed class FixedSampler(IReadOnlyList<IReadOnlyList<int>> subnets) : ISubnetSampler
{
    public IReadOnlyList<IReadOnlyList<int>> Next() => subnets;
}
