namespace NasPipeline.Supernet.Export;

/// <summary>A feature map [N, C, H, W] of the network being written, by value name.</summary>
internal sealed record OnnxMap(string Name, int C, int H, int W);
