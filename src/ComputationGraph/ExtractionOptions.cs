namespace NasPipeline.ComputationGraph;

/// <summary>
/// Input shapes for symbolic dims (one per graph input, by name or in order) and limits that keep hostile files cheap.
/// </summary>
public sealed record ExtractionOptions
{
    public static ExtractionOptions Default { get; } = new();

    public IReadOnlyList<InputShape>? InputShapes { get; init; }

    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    public int MaxNodes { get; init; } = 200_000;

    public int MaxSubgraphDepth { get; init; } = 16;

    /// <summary>Largest element count any one tensor shape may have.</summary>
    public long MaxElementsPerTensor { get; init; } = 1L << 40;

    /// <summary>Keep nodes whose outputs were all folded to constants (Constant, Shape->Gather chains).</summary>
    public bool IncludeFoldedNodes { get; init; }

    /// <summary>
    /// Take the symbolic leading (batch) dim of an input that no given shape covers as 1, and tell <see cref="Notice"/>;
    /// the input's other symbolic dims still need a shape. Off by default: the GraphExtract stage keeps to the user's shapes.
    /// </summary>
    public bool SymbolicBatchAsOne { get; init; }

    /// <summary>Receives one sentence for each choice made on the user's behalf (<see cref="SymbolicBatchAsOne"/>).</summary>
    public Action<string>? Notice { get; init; }

    public static ExtractionOptions ForInput(string shape) => new() { InputShapes = [InputShape.Parse(shape)] };
}
