namespace NasPipeline.Search.Mutation;

/// <summary>Keeps the first <c>channels</c> channels of a group: every weight axis, bias, batch-norm vector and
/// depthwise <c>group</c> attribute that holds the group shrinks by the same amount, once per segment the group
/// has there (a concatenation can hold it more than once).</summary>
internal static class ChannelShrink
{
    public static void Apply(OnnxModelEditor model, ChannelGroupAnalysis analysis, ChannelGroup group, long channels)
    {
        if (channels < 1 || channels >= group.Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"A group of {group.Channels} can shrink to 1..{group.Channels - 1}, not {channels}.");
        }

        var removed = group.Channels - channels;
        foreach (var edit in analysis.Edits)
        {
            var occurrences = edit.Layout.Count(g => analysis.Find(g) == group.Id);
            if (occurrences == 0)
            {
                continue;
            }

            if (edit.Initializer is { } name)
            {
                var tensor = model.Initializer(name)!;
                model.ResizeInitializer(name, edit.Axis, tensor.Dims[edit.Axis] - removed * occurrences);
            }
            else
            {
                var node = model.Nodes.First(n => ChannelGroupAnalysis.NodeName(n) == edit.GroupAttributeNode);
                OnnxModelEditor.SetIntAttribute(node, "group", OnnxModelEditor.IntAttribute(node, "group", 1) - removed * occurrences);
            }
        }
    }
}
