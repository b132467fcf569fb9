namespace NasPipeline.Fna.Chains;

/// <summary>A run of layers at one width: the first changes the width and applies <see cref="Stride"/>, the others keep
/// both (so they add their input back, and only they may be skipped).</summary>
public sealed record ChainStage(int Channels, int Stride, IReadOnlyList<LayerOp> Layers)
{
    /// <summary>The layers that compute something (skips removed), in order.</summary>
    public IReadOnlyList<LayerOp> Blocks => Layers.Where(l => !l.IsSkip).ToList();
}
