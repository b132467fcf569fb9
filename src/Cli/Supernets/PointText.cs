using NasPipeline.SearchSpaces;

namespace NasPipeline.Cli.Supernets;

/// <summary>A search-space point as the CLI takes it: <c>smallest</c>, <c>largest</c> or the genes, comma-separated.</summary>
public static class PointText
{
    /// <param name="option">How the point was given, for the messages (the option or argument name).</param>
    public static IReadOnlyList<int> Parse(ISearchSpace space, string text, string option = "--point")
    {
        switch (text)
        {
            case "smallest":
                return space.Smallest;
            case "largest":
                return space.Largest;
        }

        if (!CandidateCodec.TryParseGenes(text, out var genes, out var invalid))
        {
            throw new CliUsageException($"{option}: '{invalid}' is not a gene value; give smallest, largest or {space.Genes.Count} comma-separated integers.");
        }

        if (genes.Length != space.Genes.Count)
        {
            throw new CliUsageException($"{option} has {genes.Length} genes; {space.Name} has {space.Genes.Count} ({string.Join(", ", space.Genes.Select(g => g.Name))}).");
        }

        for (var i = 0; i < genes.Length; i++)
        {
            if (genes[i] < 0 || genes[i] >= space.Genes[i].Choices)
            {
                throw new CliUsageException($"{option}: gene {i} ({space.Genes[i].Name}) is {genes[i]}; it takes 0..{space.Genes[i].Choices - 1}.");
            }
        }

        return space.Repair(genes);
    }
}
