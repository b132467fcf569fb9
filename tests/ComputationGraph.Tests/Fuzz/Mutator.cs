namespace NasPipeline.ComputationGraph.Tests.Fuzz;

/// <summary>Seeded byte-level damage: bit flips, truncation, insertions, swapped spans and varint bombs.</summary>
public sealed class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    public (string Kind, byte[] Bytes) Mutate(byte[] original)
    {
        var b = (byte[])original.Clone();
        switch (_random.Next(5))
        {
            case 0:
                for (var i = _random.Next(1, 9); i > 0; i--)
                {
                    b[_random.Next(b.Length)] ^= (byte)(1 << _random.Next(8));
                }

                return ("bit flips", b);
            case 1:
                return ("truncation", b[.._random.Next(b.Length)]);
            case 2:
                var at = _random.Next(b.Length + 1);
                var extra = new byte[_random.Next(1, 17)];
                _random.NextBytes(extra);
                return ("insertion", [.. b[..at], .. extra, .. b[at..]]);
            case 3:
                var length = _random.Next(1, Math.Min(64, b.Length / 2));
                var x = _random.Next(b.Length - length);
                var y = _random.Next(b.Length - length);
                var span = b.AsSpan(x, length).ToArray();
                b.AsSpan(y, length).CopyTo(b.AsSpan(x, length));
                span.CopyTo(b.AsSpan(y, length));
                return ("span swap", b);
            default:
                // Ten bytes of 0xFF..0x01 read as a maximal varint: huge lengths, dims and counts.
                var p = _random.Next(Math.Max(1, b.Length - 10));
                for (var i = 0; i < 9 && p + i < b.Length; i++)
                {
                    b[p + i] = 0xFF;
                }

                if (p + 9 < b.Length)
                {
                    b[p + 9] = 0x01;
                }

                return ("varint bomb", b);
        }
    }
}
