namespace NasPipeline.Export;

/// <summary>A runnable ONNX network, what it is (<see cref="Network"/>) and where its weights come from (<see cref="Weights"/>), in words.</summary>
public sealed record ExportedModel(byte[] Onnx, string Network, string Weights);
