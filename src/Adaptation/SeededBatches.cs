using NasPipeline.Contracts.Seeds;

namespace NasPipeline.Adaptation;

/// <summary>
/// The batch of every step of a chunked training: each epoch's order is a shuffle seeded by (seed, epoch), and a step
/// takes its slice of it, so a step's batch depends only on the seed and its index: cutting the steps into chunks, or
/// running a chunk again after a crash, changes nothing. A partial last batch is dropped.
/// </summary>
public sealed class SeededBatches(int seed, int count, int batchSize)
{
    private const long OrderStream = 1;

    private int[]? _order;
    private int _orderEpoch = -1;

    public int StepsPerEpoch { get; } = batchSize > 0 && count >= batchSize
        ? count / batchSize
        : throw new ArgumentException($"{count} samples make no batch of {batchSize}.", nameof(count));

    public ArraySegment<int> At(int step)
    {
        var epoch = step / StepsPerEpoch;
        if (epoch != _orderEpoch)
        {
            _order = Enumerable.Range(0, count).ToArray();
            new Random(SplitMix64.Derive(seed, (OrderStream << 32) + epoch)).Shuffle(_order);
            _orderEpoch = epoch;
        }

        return new ArraySegment<int>(_order!, step % StepsPerEpoch * batchSize, batchSize);
    }
}
