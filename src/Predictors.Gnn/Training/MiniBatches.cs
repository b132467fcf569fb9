namespace NasPipeline.Predictors.Gnn.Training;

/// <summary>Shuffled index batches for one epoch, drawn from the caller's seeded generator.</summary>
public static class MiniBatches
{
    public static IEnumerable<int[]> Shuffled(int count, int batchSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order.Chunk(batchSize);
    }

    /// <summary>In-order batches, for prediction.</summary>
    public static IEnumerable<int[]> Sequential(int count, int batchSize) => Enumerable.Range(0, count).Chunk(Math.Max(1, batchSize));

    /// <summary>In-order batches of at most <paramref name="batchSize"/> items and <paramref name="nodeBudget"/> nodes; an item
    /// larger than the budget makes a batch of its own.</summary>
    public static IEnumerable<int[]> SequentialByNodes(IReadOnlyList<int> nodeCounts, int batchSize, int nodeBudget)
    {
        ArgumentNullException.ThrowIfNull(nodeCounts);
        var batch = new List<int>();
        long nodes = 0;
        for (var i = 0; i < nodeCounts.Count; i++)
        {
            if (ClosesBefore(batch.Count, nodes, nodeCounts[i], batchSize, nodeBudget))
            {
                yield return [.. batch];
                batch.Clear();
                nodes = 0;
            }

            batch.Add(i);
            nodes += nodeCounts[i];
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    /// <summary><see cref="SequentialByNodes"/>'s one rule, for a caller that builds its batches as items arrive: whether a
    /// batch of <paramref name="batchCount"/> items and <paramref name="batchNodes"/> nodes closes before the next item.</summary>
    public static bool ClosesBefore(int batchCount, long batchNodes, int nextNodes, int batchSize, int nodeBudget) =>
        batchCount > 0 && (batchCount >= batchSize || batchNodes + nextNodes > nodeBudget);
}
