using System.Globalization;

namespace NasPipeline.SearchSpaces;

/// <summary>A search-space point as a candidate name, <c>space:g1,g2,...</c>, as <c>nasp submit --point</c> writes it;
/// the one spelling the Search stage asks for, the Predict stage scores and labelled data is imported under.</summary>
public static class CandidateCodec
{
    public static string Encode(string space, IReadOnlyList<int> genes) => $"{space}:{FormatGenes(genes)}";

    /// <summary>The genes alone, <c>g1,g2,...</c>, as the part after the space's name.</summary>
    public static string FormatGenes(IReadOnlyList<int> genes) =>
        string.Join(',', genes.Select(g => g.ToString(CultureInfo.InvariantCulture)));

    public static int[] Genes(string candidate) =>
        TryDecode(candidate, out _, out var genes) ? genes : throw new FormatException($"'{candidate}' is not a space:g1,g2,... candidate.");

    /// <summary>Splits <c>space:g1,g2,...</c>; false when there is no space prefix or a gene is not a whole number.</summary>
    public static bool TryDecode(string candidate, out string space, out int[] genes) => TryDecode(candidate, out space, out genes, out _);

    /// <summary>As <see cref="TryDecode(string, out string, out int[])"/>, and names the first gene that is not a whole
    /// number (null when the text has no space prefix), so a caller can say which.</summary>
    public static bool TryDecode(string candidate, out string space, out int[] genes, out string? invalidGene)
    {
        genes = [];
        invalidGene = null;
        return TrySplit(candidate, out space, out var text) && TryParseGenes(text, out genes, out invalidGene);
    }

    /// <summary>Splits off the space's name at the first colon, leaving the rest unparsed (it may be bare genes, or
    /// words a caller understands); false when nothing names a space before a colon.</summary>
    public static bool TrySplit(string candidate, out string space, out string rest)
    {
        var colon = candidate.IndexOf(':');
        space = colon > 0 ? candidate[..colon] : "";
        rest = colon > 0 ? candidate[(colon + 1)..] : "";
        return colon > 0;
    }

    /// <summary>Reads <c>g1,g2,...</c> (spaces around a gene allowed); false with the first entry, trimmed, that is not
    /// a whole number.</summary>
    public static bool TryParseGenes(string text, out int[] genes, out string? invalidGene)
    {
        var parts = text.Split(',');
        var parsed = new int[parts.Length];
        genes = [];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out parsed[i]))
            {
                invalidGene = parts[i].Trim();
                return false;
            }
        }

        invalidGene = null;
        genes = parsed;
        return true;
    }
}
