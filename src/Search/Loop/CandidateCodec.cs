using System.Globalization;

namespace NasPipeline.Search.Loop;

/// <summary>A search-space point as a candidate name, <c>space:g1,g2,...</c>, as <c>nasp submit --point</c> writes it.</summary>
public static class CandidateCodec
{
    public static string Encode(string space, IReadOnlyList<int> genes) =>
        $"{space}:{string.Join(',', genes.Select(g => g.ToString(CultureInfo.InvariantCulture)))}";

    public static int[] Genes(string candidate) =>
        candidate[(candidate.IndexOf(':') + 1)..].Split(',').Select(g => int.Parse(g, CultureInfo.InvariantCulture)).ToArray();
}
