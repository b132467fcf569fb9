namespace NasPipeline.Predictors.Gnn.Labels;

/// <summary>AIO-P's label transforms, by their names in the paper's code: "stand" and "stand_flops"; "none" for comparison.</summary>
public enum LabelTransformKind
{
    /// <summary>y' = (y - mean) / std.</summary>
    Stand,

    /// <summary>y' = (y / (log10(GFLOPs + 1) + 1) - mean) / std, mean and std of the divided labels.</summary>
    StandFlops,

    /// <summary>y' = y (mean 0, std 1).</summary>
    None,
}
