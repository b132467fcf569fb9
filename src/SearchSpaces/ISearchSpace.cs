namespace NasPipeline.SearchSpaces;

/// <summary>One position of an encoding: its name and how many integer values it takes (0 .. Choices-1).</summary>
public sealed record Gene(string Name, int Choices, bool ZeroIsSkip);

/// <summary>Exact cost of a point, counted the way GraphExtract counts the built network.</summary>
public sealed record ArchitectureCost(long Macs, long Params);

/// <summary>
/// A search space NAT-style: a point is an integer vector, one gene per decision (resolution, width, one per
/// layer with 0 = skip where a layer may be skipped). Every encoding a search produces goes through
/// <see cref="Repair"/> first, so all points the pipeline sees are valid and canonical.
/// </summary>
public interface ISearchSpace
{
    /// <summary>Registry key, e.g. "mbv3-28" or "nasvit-hybrid".</summary>
    string Name { get; }

    IReadOnlyList<Gene> Genes { get; }

    IReadOnlyList<int> Smallest { get; }

    IReadOnlyList<int> Largest { get; }

    IReadOnlyList<int> Sample(Random random);

    /// <summary>The valid, canonical point closest to <paramref name="encoding"/> (e.g. skips moved to a stage's end).</summary>
    IReadOnlyList<int> Repair(IReadOnlyList<int> encoding);

    ArchitectureCost Cost(IReadOnlyList<int> encoding);

    /// <summary>The point's network as an ONNX graph (weights declared, no data), for GraphExtract and predictors, in
    /// memory only; a runnable file with weights is the supernet's subnet (<c>SubnetExport</c> in Supernet).</summary>
    byte[] ToOnnx(IReadOnlyList<int> encoding);

    /// <summary>A short human-readable description of the decoded point.</summary>
    string Describe(IReadOnlyList<int> encoding);
}
