namespace NasPipeline.Contracts.Seeds;

/// <summary>
/// Derives the seed of one stream of randomness (a generation, a mutation round, an ensemble member, a refit
/// version) from a run's recorded seed, with SplitMix64's finaliser (Steele, Lea &amp; Flood 2014). Every stage
/// must derive the same seeds or a replay diverges, which is why there is one copy and it lives beside the
/// events that record the run's seed. HashCode.Combine would not do: it is salted per process.
/// </summary>
public static class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The finaliser alone: a bijection on 64 bits that spreads every input bit over the output.</summary>
    public static ulong Finalise(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A non-negative 31-bit seed for stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static int Derive(long seed, long stream) =>
        (int)(Finalise(unchecked((ulong)seed * Golden + (ulong)stream + 1UL)) & int.MaxValue);
}
