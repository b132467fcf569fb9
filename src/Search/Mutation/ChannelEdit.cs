namespace NasPipeline.Search.Mutation;

/// <summary>Where a channel count lives in the model: an initializer axis or a node's <c>group</c> attribute.
/// <see cref="Layout"/> lists the channel groups along that axis (one entry per concatenated segment), so
/// shrinking a group by k shrinks this place by k times its number of entries.</summary>
internal sealed record ChannelEdit(string? Initializer, int Axis, string? GroupAttributeNode, IReadOnlyList<int> Layout);
