namespace NasPipeline.OnnxNetworks;

/// <summary>One value a node computed in <see cref="OnnxNetwork.Trace"/>: its name, the producing operator and that
/// node's inputs, its shape, and whether it holds floats (feature maps) rather than integers (shapes, indices).</summary>
public sealed record TracedValue(string Name, string OpType, IReadOnlyList<string> Inputs, long[] Shape, bool IsFloat);
