using NasPipeline.ComputationGraph.Editing;

namespace NasPipeline.Search.Mutation;

/// <summary>Keeps the first <c>channels</c> channels of a group: the producers' output channels (weights, biases,
/// batch-norm vectors), the matching input channels of every reader and the depthwise filters and <c>group</c>
/// attributes in between, data included; along a concatenated axis, the first channels of each of the group's segments.</summary>
internal static class ChannelShrink
{
    public static void Apply(OnnxModelEditor model, ChannelGroupAnalysis analysis, ChannelGroup group, long channels)
    {
        if (channels < 1 || channels >= group.Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"A group of {group.Channels} can shrink to 1..{group.Channels - 1}, not {channels}.");
        }

        foreach (var edit in analysis.Edits)
        {
            if (!edit.Layout.Any(g => analysis.Find(g) == group.Id))
            {
                continue;
            }

            if (edit.Initializer is { } name)
            {
                var (kept, width) = Kept(analysis, edit.Layout, group.Id, channels);
                var length = model.Initializer(name)!.Dims[edit.Axis];
                if (width != length)
                {
                    throw new InvalidOperationException($"Axis {edit.Axis} of '{name}' has {length} channels, its segments add up to {width}.");
                }

                model.SliceInitializer(name, edit.Axis, kept);
            }
            else
            {
                var node = model.Nodes.First(n => OnnxModelEditor.NodeName(n) == edit.GroupAttributeNode);
                var removed = (group.Channels - channels) * edit.Layout.Count(g => analysis.Find(g) == group.Id);
                OnnxModelEditor.SetIntAttribute(node, "group", OnnxModelEditor.IntAttribute(node, "group", 1) - removed);
            }
        }
    }

    /// <summary>Along an axis laid out as <paramref name="layout"/>: each segment of the group keeps its first
    /// <paramref name="channels"/>, every other segment stays whole.</summary>
    private static (List<KeptRange> Kept, long Width) Kept(ChannelGroupAnalysis analysis, IReadOnlyList<int> layout, int group, long channels)
    {
        var kept = new List<KeptRange>();
        var offset = 0L;
        foreach (var segment in layout)
        {
            var size = analysis.Size(segment);
            kept.Add(new KeptRange(offset, analysis.Find(segment) == group ? channels : size));
            offset += size;
        }

        return (kept, offset);
    }
}
