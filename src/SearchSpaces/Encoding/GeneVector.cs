namespace NasPipeline.SearchSpaces.Encoding;

/// <summary>Checks and canonicalises integer encodings against a gene list.</summary>
internal static class GeneVector
{
    public static void Validate(string space, IReadOnlyList<Gene> genes, IReadOnlyList<int> encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        foreach (var (message, gene) in Problems(space, genes, encoding))
        {
            throw new InvalidEncodingException(message, gene);
        }
    }

    /// <summary>The wrong gene count, else every gene out of range with its value and valid range.</summary>
    public static IEnumerable<(string Message, string? Gene)> Problems(string space, IReadOnlyList<Gene> genes, IReadOnlyList<int> encoding)
    {
        if (encoding.Count != genes.Count)
        {
            yield return (CountMessage(space, genes, encoding), null);
            yield break;
        }

        for (var i = 0; i < genes.Count; i++)
        {
            if (encoding[i] < 0 || encoding[i] >= genes[i].Choices)
            {
                yield return ($"{space}: gene {i} '{genes[i].Name}' is {encoding[i]}, outside its range 0..{genes[i].Choices - 1}.", genes[i].Name);
            }
        }
    }

    /// <summary>Clamps into range, then moves every stage's skips behind its kept layers (order kept). The clamp is for the
    /// search's own operators; a point someone wrote goes through <see cref="PointCheck"/> first.</summary>
    public static int[] Repair(string space, IReadOnlyList<Gene> genes, IReadOnlyList<int> encoding, IEnumerable<(int Start, int Count)> skipGroups)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        if (encoding.Count != genes.Count)
        {
            throw new InvalidEncodingException(CountMessage(space, genes, encoding));
        }

        var result = encoding.Select((v, i) => Math.Clamp(v, 0, genes[i].Choices - 1)).ToArray();
        foreach (var (start, count) in skipGroups)
        {
            var kept = result.Skip(start).Take(count).Where(v => v != 0).ToArray();
            for (var i = 0; i < count; i++)
            {
                result[start + i] = i < kept.Length ? kept[i] : 0;
            }
        }

        return result;
    }

    public static int[] Sample(IReadOnlyList<Gene> genes, Random random) => genes.Select(g => random.Next(g.Choices)).ToArray();

    private static string CountMessage(string space, IReadOnlyList<Gene> genes, IReadOnlyList<int> encoding) =>
        $"{space} has {genes.Count} genes, got {encoding.Count}.";
}
