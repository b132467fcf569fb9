namespace NasPipeline.OnnxNetworks;

/// <summary>How an ONNX model becomes a network.</summary>
/// <param name="UnfoldBatchNorm">Put a fresh BatchNorm (γ 1, β 0, running mean 0, variance 1) after every Conv that no
/// BatchNormalization follows. Exporters fold BN into the conv before them; a network trained from scratch needs it back.
/// On export the BN is folded into the conv again, so the written graph keeps its nodes.</param>
/// <param name="SeedForMissingWeights">When set, initializers the file carries no values for (a stripped export, external
/// data that did not come along) are drawn from this seed, He-normal as the mutation search draws them
/// (<c>KeptNetwork.Of</c>), and <see cref="OnnxNetwork.Weights"/> says how many; when null such a file is refused.</param>
public sealed record OnnxNetworkOptions(bool UnfoldBatchNorm = false, long? SeedForMissingWeights = null);
