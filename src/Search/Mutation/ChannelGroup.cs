namespace NasPipeline.Search.Mutation;

/// <summary>Channels that must shrink together: outputs of the convolutions (or Gemms) that feed the same
/// residual adds, depthwise convolutions and batch norms. <see cref="Producers"/> names those nodes.</summary>
public sealed record ChannelGroup(int Id, long Channels, IReadOnlyList<string> Producers);
