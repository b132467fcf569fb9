using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.Nat;

/// <summary>
/// NAT's sampling distribution for supernet adaptation: genes are drawn independently, gene i taking value v with
/// the share of archive members whose gene i is v. The supernet is then fine-tuned on the kind of subnets the search
/// keeps, not on the whole space. A value no member has is never drawn (NAT's formula has no smoothing); a draw is
/// repaired, as every point the pipeline sees.
/// </summary>
public sealed class ArchiveDistribution
{
    private ArchiveDistribution(IReadOnlyList<IReadOnlyList<double>> probabilities) => Probabilities = probabilities;

    /// <summary>Per gene, the probability of each of its values (0 .. Choices-1).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Probabilities { get; }

    public static ArchiveDistribution Of(ISearchSpace space, IReadOnlyCollection<IReadOnlyList<int>> archive)
    {
        if (archive.Count == 0)
        {
            throw new ArgumentException("An empty archive has no distribution to sample subnets from.", nameof(archive));
        }

        var counts = space.Genes.Select(g => new int[g.Choices]).ToArray();
        foreach (var member in archive)
        {
            if (member.Count != counts.Length)
            {
                throw new ArgumentException($"An archive member has {member.Count} genes; space {space.Name} has {counts.Length}.", nameof(archive));
            }

            for (var i = 0; i < counts.Length; i++)
            {
                counts[i][member[i]]++;
            }
        }

        return new ArchiveDistribution(counts.Select(c => (IReadOnlyList<double>)c.Select(n => (double)n / archive.Count).ToArray()).ToArray());
    }

    /// <summary>Reads back a distribution recorded in an event.</summary>
    public static ArchiveDistribution From(IReadOnlyList<IReadOnlyList<double>> probabilities) => new(probabilities);

    /// <summary>One encoding, before repair: each gene by inverse transform of its own uniform draw.</summary>
    public int[] Sample(Random random)
    {
        var encoding = new int[Probabilities.Count];
        for (var i = 0; i < encoding.Length; i++)
        {
            var u = random.NextDouble();
            var probabilities = Probabilities[i];
            var value = probabilities.Count - 1;
            var cumulative = 0.0;
            for (var v = 0; v < probabilities.Count; v++)
            {
                cumulative += probabilities[v];
                if (u < cumulative)
                {
                    value = v;
                    break;
                }
            }

            // Rounding can leave the cumulative sum just under 1: fall back to the last value that has mass.
            while (probabilities[value] == 0 && value > 0)
            {
                value--;
            }

            encoding[i] = value;
        }

        return encoding;
    }
}
