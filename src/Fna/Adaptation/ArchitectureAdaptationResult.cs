using NasPipeline.Fna.Chains;

namespace NasPipeline.Fna.Adaptation;

/// <summary>What the architecture adaptation found: the derived chain (argmax of α per layer, or under a MAC budget), every layer's final
/// softmax(α), the expected MACs under it and the derived network's MACs (both by the cost model, backbone only).</summary>
public sealed record ArchitectureAdaptationResult(
    ChainArchitecture Derived,
    IReadOnlyList<IReadOnlyList<double>> Probabilities,
    double ExpectedMacs,
    long DerivedMacs,
    int Steps);
