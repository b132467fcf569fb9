namespace NasPipeline.OnnxNetworks.Remapping;

/// <summary>What an axis of a weight means to FNA's remapping: channels (kept from the first), a kernel's spatial extent
/// (kept around the centre), or anything else (must match).</summary>
public enum AxisKind
{
    Channels,
    Kernel,
    Fixed,
}
