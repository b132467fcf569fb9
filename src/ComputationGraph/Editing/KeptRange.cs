namespace NasPipeline.ComputationGraph.Editing;

/// <summary>A run of indices kept along one axis of a weight: <see cref="Length"/> entries from <see cref="Start"/>.</summary>
public readonly record struct KeptRange(long Start, long Length);
