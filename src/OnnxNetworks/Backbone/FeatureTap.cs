namespace NasPipeline.OnnxNetworks.Backbone;

/// <summary>A value of the graph read as a feature map: its channels and its stride w.r.t. the task's images.</summary>
public sealed record FeatureTap(string Value, int Channels, int Stride);
