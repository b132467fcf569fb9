using NasPipeline.SearchSpaces;

namespace NasPipeline.RunResults.Folding;

/// <summary>Exact MACs and params of search-space candidates (<c>space:g1,g2,...</c>), counted by their space once each.</summary>
public sealed class CandidateCosts(SearchSpaceRegistry spaces)
{
    private readonly Dictionary<string, ArchitectureCost?> _costs = new(StringComparer.Ordinal);

    /// <summary>Null for a candidate that is not a point of a registered space (a graph hash, an unknown space).</summary>
    public ArchitectureCost? Of(string candidate)
    {
        if (!_costs.TryGetValue(candidate, out var cost))
        {
            _costs[candidate] = cost = CandidateCodec.TryDecode(candidate, out var name, out var genes) && spaces.TryGet(name, out var space)
                && genes.Length == space.Genes.Count
                ? space.Cost(genes)
                : null;
        }

        return cost;
    }
}
