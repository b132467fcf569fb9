namespace NasPipeline.SearchSpaces.Encoding;

/// <summary>
/// A point as a person or another client wrote it, checked strictly. <see cref="ISearchSpace.Repair"/> clamps genes into
/// range for the search's own operators; applied to a submission it would run a mistyped 99 as the largest choice.
/// </summary>
public static class PointCheck
{
    /// <summary>Why the encoding is not a point of the space: its gene count ("mbv3-28 has 14 genes, got 12."), else each
    /// gene out of range with its value and valid range. Empty for a valid point.</summary>
    public static IReadOnlyList<string> Problems(ISearchSpace space, IReadOnlyList<int> encoding) =>
        GeneVector.Problems(space.Name, space.Genes, encoding).Select(p => p.Message).ToList();

    /// <summary>The canonical form of a valid point (skips moved behind kept layers); an invalid one throws
    /// <see cref="InvalidEncodingException"/> naming its first problem.</summary>
    public static IReadOnlyList<int> Canonical(ISearchSpace space, IReadOnlyList<int> encoding)
    {
        GeneVector.Validate(space.Name, space.Genes, encoding);
        return space.Repair(encoding);
    }
}
