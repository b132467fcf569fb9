namespace NasPipeline.OnnxNetworks;

/// <summary>How an ONNX model becomes a network.</summary>
/// <param name="UnfoldBatchNorm">Put a fresh BatchNorm (γ 1, β 0, running mean 0, variance 1) after every Conv that no
/// BatchNormalization follows. Exporters fold BN into the conv before them; a network trained from scratch needs it back.
/// On export the BN is folded into the conv again, so the written graph keeps its nodes.</param>
public sealed record OnnxNetworkOptions(bool UnfoldBatchNorm = false);
