namespace NasPipeline.Predictors;

/// <summary>
/// A seed for one stream of randomness (an ensemble member, a refit version) from a run's seed, by SplitMix64's
/// finaliser (Steele, Lea &amp; Flood 2014): HashCode.Combine is salted per process, which would break replays.
/// </summary>
public static class SeedMix
{
    public static int Derive(long seed, long stream)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream + 1);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
