using System.Globalization;

namespace NasPipeline.SearchSpaces;

/// <summary>A search-space point as a candidate name, <c>space:g1,g2,...</c>, as <c>nasp submit --point</c> writes it;
/// the one spelling the Search stage asks for, the Predict stage scores and labelled data is imported under.</summary>
public static class CandidateCodec
{
    public static string Encode(string space, IReadOnlyList<int> genes) =>
        $"{space}:{string.Join(',', genes.Select(g => g.ToString(CultureInfo.InvariantCulture)))}";

    public static int[] Genes(string candidate) =>
        TryDecode(candidate, out _, out var genes) ? genes : throw new FormatException($"'{candidate}' is not a space:g1,g2,... candidate.");

    /// <summary>Splits <c>space:g1,g2,...</c>; false when there is no space prefix or a gene is not a whole number.</summary>
    public static bool TryDecode(string candidate, out string space, out int[] genes)
    {
        var colon = candidate.IndexOf(':');
        space = colon > 0 ? candidate[..colon] : "";
        genes = [];
        if (colon <= 0)
        {
            return false;
        }

        var parts = candidate[(colon + 1)..].Split(',');
        var parsed = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out parsed[i]))
            {
                return false;
            }
        }

        genes = parsed;
        return true;
    }
}
