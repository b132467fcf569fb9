namespace NasPipeline.Bench.Supernet;

/// <summary>
/// Visits strata so that every prefix covers the MAC range: both ends first, then always the stratum farthest from those
/// already visited. A run stopped part-way (the protocol spans sessions) then leaves a readable sample of the range.
/// </summary>
public static class SpreadOrder
{
    public static IReadOnlyList<int> Of(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var order = new List<int> { 0 };
        if (count > 1)
        {
            order.Add(count - 1);
        }

        while (order.Count < count)
        {
            order.Add(Enumerable.Range(0, count).Where(i => !order.Contains(i)).MaxBy(i => order.Min(o => Math.Abs(o - i))));
        }

        return order;
    }
}
