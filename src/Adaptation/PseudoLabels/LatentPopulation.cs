using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.PseudoLabels;

/// <summary>
/// AIO-P's rolling population of subnets for latent sampling: <see cref="Size"/> members spread over depth bins (member
/// i lives in bin i mod <see cref="Bins"/>), and each <see cref="Advance"/> replaces one member, round-robin, by a
/// fresh subnet of the same bin. Depth is the number of skippable layers present. The held genes (by default the
/// input resolution) stay at the largest subnet's value, so every member reads the same images and yields feature
/// maps of one size. Deterministic for a seed.
/// </summary>
public sealed class LatentPopulation
{
    private const int TriesPerSample = 1000;

    private readonly ISearchSpace _space;
    private readonly Random _random;
    private readonly int[] _held;
    private readonly (int Low, int High)[] _bins;
    private readonly List<IReadOnlyList<int>> _members;
    private int _next;

    public LatentPopulation(ISearchSpace space, int size, int bins, int seed, IReadOnlyCollection<int>? heldGenes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2, nameof(size));
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1, nameof(bins));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, size, nameof(bins));
        _space = space;
        _random = new Random(seed);
        _held = [.. heldGenes ?? space.Genes.Select((g, i) => (g, i)).Where(x => x.g.Name == "resolution").Select(x => x.i)];
        var (low, high) = (Depth(space, space.Smallest), Depth(space, space.Largest));
        var levels = high - low + 1;
        var count = Math.Min(bins, levels);
        _bins = Enumerable.Range(0, count).Select(b => (low + (b * levels / count), low + ((b + 1) * levels / count) - 1)).ToArray();
        _members = Enumerable.Range(0, size).Select(i => Sample(BinOf(i))).ToList();
    }

    public int Size => _members.Count;

    /// <summary>The depth bins actually used: fewer than asked when the space has fewer depths.</summary>
    public int Bins => _bins.Length;

    public IReadOnlyList<IReadOnlyList<int>> Members => _members;

    /// <summary>The inclusive depth range of a member's bin.</summary>
    public (int Low, int High) BinRange(int member) => _bins[BinOf(member)];

    /// <summary>Replaces the next member in turn; returns its index.</summary>
    public int Advance()
    {
        var replaced = _next;
        _members[replaced] = Sample(BinOf(replaced));
        _next = (_next + 1) % _members.Count;
        return replaced;
    }

    /// <summary>How many skippable layers the point keeps.</summary>
    public static int Depth(ISearchSpace space, IReadOnlyList<int> encoding) =>
        space.Genes.Where((g, i) => g.ZeroIsSkip && encoding[i] != 0).Count();

    private int BinOf(int member) => member % _bins.Length;

    /// <summary>A subnet whose depth falls in the bin: a space sample with its skippable layers switched on or off at
    /// random until it has a depth drawn from the bin, held genes set, then repaired.</summary>
    private IReadOnlyList<int> Sample(int bin)
    {
        var (low, high) = _bins[bin];
        var skippable = _space.Genes.Select((g, i) => (g, i)).Where(x => x.g.ZeroIsSkip).Select(x => x.i).ToArray();
        for (var attempt = 0; attempt < TriesPerSample; attempt++)
        {
            var point = _space.Sample(_random).ToArray();
            foreach (var gene in _held)
            {
                point[gene] = _space.Largest[gene];
            }

            var target = _random.Next(low, high + 1);
            var present = skippable.Where(i => point[i] != 0).ToList();
            var absent = skippable.Where(i => point[i] == 0).ToList();
            while (present.Count > target)
            {
                var i = present[_random.Next(present.Count)];
                point[i] = 0;
                present.Remove(i);
            }

            while (present.Count < target && absent.Count > 0)
            {
                var i = absent[_random.Next(absent.Count)];
                point[i] = 1 + _random.Next(_space.Genes[i].Choices - 1);
                absent.Remove(i);
                present.Add(i);
            }

            var repaired = _space.Repair(point);
            if (Depth(_space, repaired) is var depth && depth >= low && depth <= high && _held.All(g => repaired[g] == _space.Largest[g]))
            {
                return repaired;
            }
        }

        throw new InvalidOperationException($"No subnet of {_space.Name} with {low}-{high} skippable layers in {TriesPerSample} tries.");
    }
}
