namespace NasPipeline.Predictors.Gnn.Labels;

using NasPipeline.ComputationGraph;

/// <summary>
/// An invertible label transform fitted on training labels. Mean and std are of the training labels
/// after the FLOPs division (population std, as numpy's default); a constant label set gets std 1 so
/// the transform stays invertible. Predictions go through <see cref="Invert"/> before MAE or SRCC.
/// </summary>
public sealed record LabelTransform(LabelTransformKind Kind, double Mean, double Std)
{
    public static LabelTransform Fit(LabelTransformKind kind, IReadOnlyList<double> labels, IReadOnlyList<double>? gigaFlops = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            throw new ArgumentException("Cannot fit a label transform on no labels.", nameof(labels));
        }

        if (kind == LabelTransformKind.None)
        {
            return new LabelTransform(kind, 0.0, 1.0);
        }

        var divided = Divide(kind, labels, gigaFlops);
        var mean = divided.Average();
        var std = Math.Sqrt(divided.Sum(v => (v - mean) * (v - mean)) / divided.Length);
        return new LabelTransform(kind, mean, std > 1e-12 ? std : 1.0);
    }

    public double[] Apply(IReadOnlyList<double> labels, IReadOnlyList<double>? gigaFlops = null) =>
        Divide(Kind, labels, gigaFlops).Select(v => (v - Mean) / Std).ToArray();

    public double[] Invert(IReadOnlyList<double> transformed, IReadOnlyList<double>? gigaFlops = null)
    {
        ArgumentNullException.ThrowIfNull(transformed);
        RequireFlops(Kind, transformed.Count, gigaFlops);
        return transformed.Select((v, i) => (v * Std + Mean) * (Kind == LabelTransformKind.StandFlops ? FlopsDivisor(gigaFlops![i]) : 1.0)).ToArray();
    }

    /// <summary>AIO-P's divisor log10(GFLOPs + 1) + 1: 1 for a free network, about 2 at 9 GFLOPs.</summary>
    public static double FlopsDivisor(double gigaFlops) => Math.Log10(gigaFlops + 1) + 1;

    /// <summary>
    /// GFLOPs of a graph as AIO-P counts them: multiply-accumulates / 1e9 (the torchvision "GFLOPS"
    /// convention that <see cref="ComputationGraph.TotalMacs"/> follows).
    /// </summary>
    public static double GigaFlops(ComputationGraph graph) => graph.TotalMacs / 1e9;

    /// <summary>"stand", "stand_flops" or "none".</summary>
    public static LabelTransformKind Parse(string name) => name switch
    {
        "stand" => LabelTransformKind.Stand,
        "stand_flops" => LabelTransformKind.StandFlops,
        "none" => LabelTransformKind.None,
        _ => throw new ArgumentException($"Unknown label transform '{name}': expected 'none', 'stand' or 'stand_flops'.", nameof(name)),
    };

    private static double[] Divide(LabelTransformKind kind, IReadOnlyList<double> labels, IReadOnlyList<double>? gigaFlops)
    {
        ArgumentNullException.ThrowIfNull(labels);
        RequireFlops(kind, labels.Count, gigaFlops);
        return kind == LabelTransformKind.StandFlops
            ? labels.Select((y, i) => y / FlopsDivisor(gigaFlops![i])).ToArray()
            : labels.ToArray();
    }

    private static void RequireFlops(LabelTransformKind kind, int count, IReadOnlyList<double>? gigaFlops)
    {
        if (kind == LabelTransformKind.StandFlops && (gigaFlops is null || gigaFlops.Count != count))
        {
            throw new ArgumentException($"stand_flops needs one GFLOPs value per label ({count}), got {gigaFlops?.Count.ToString() ?? "none"}.", nameof(gigaFlops));
        }
    }
}
