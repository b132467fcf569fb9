namespace NasPipeline.Supernet.Export;

/// <summary>A subnet's runnable ONNX and where its weights come from, in words (also in the file's metadata).</summary>
public sealed record ExportedSubnet(byte[] Onnx, string Weights);
