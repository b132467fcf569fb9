namespace NasPipeline.OnnxNetworks.Remapping;

/// <summary>FNA's depth remapping: layer i of a stage takes the seed stage's layer i, and a layer the seed's stage lacks
/// takes the stage's last layer.</summary>
public static class DepthRemapping
{
    /// <summary>For each of <paramref name="targetDepth"/> layers, the index of the seed layer (of <paramref name="seedDepth"/>)
    /// whose parameters it takes.</summary>
    public static IReadOnlyList<int> Sources(int seedDepth, int targetDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seedDepth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetDepth, 0);
        return Enumerable.Range(0, targetDepth).Select(i => Math.Min(i, seedDepth - 1)).ToList();
    }
}
