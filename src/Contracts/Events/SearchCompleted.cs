namespace NasPipeline.Contracts.Events;

/// <summary>The best network under one constraint. <see cref="Best"/> is null when no network the search saw meets
/// it; then <see cref="Closest"/> is the quantity of the one that came closest, in the constraint's terms (a factor of
/// the submitted network's figure when the constraint is relative). Added later: older stored events read back null.</summary>
public sealed record ConstrainedBest(string Constraint, FrontMember? Best, double? Closest = null);

/// <summary>The final Pareto front, and the best point under each of the submission's constraints. A mutation search
/// of a submitted network also stores the kept network's ONNX, under <see cref="ModelBlobHash"/>, and says where its
/// weights come from in <see cref="ModelWeights"/> (sliced from the submitted model, or seeded where the file had none).
/// When the run asked for adaptation (<c>--adapt</c>), <see cref="Measured"/> holds the submitted and the kept network
/// fine-tuned and measured by the Adapt stage, and <see cref="ModelBlobHash"/> is the kept network with its fine-tuned
/// weights. Added later: older stored events read back null.</summary>
public sealed record SearchCompleted(
    Guid RunId, IReadOnlyList<FrontMember> Front, IReadOnlyList<ConstrainedBest> BestUnderConstraints, string? ModelBlobHash = null,
    string? ModelWeights = null, MeasuredNetworks? Measured = null) : IRunMessage;

/// <summary>The submitted network and the one the mutation search kept, each fine-tuned on the run's tasks from its own
/// weights and measured on the validation split (the original is the control: same data, budget and seed), and, with
/// <c>--adapt N</c> > 1, N - 1 networks between them on the search's path (<see cref="Between"/>, in path order). With
/// <c>--max-drop</c>, <see cref="Choice"/> says which of them the run returns. Added later: older stored events read back
/// null.</summary>
public sealed record MeasuredNetworks(
    NetworkMeasurement Original, NetworkMeasurement Kept, IReadOnlyList<NetworkMeasurement>? Between = null, MeasuredChoice? Choice = null)
{
    /// <summary>The network the run returns: the one chosen by measurement, else the path's end. A method, so it is no
    /// part of the stored event.</summary>
    public NetworkMeasurement Returned() => Choice is { } choice
        ? new[] { Original }.Concat(Between ?? []).Append(Kept).First(n => n.Step == choice.Step)
        : Kept;
}

/// <summary>The network chosen by measurement: of the measured ones, the cheapest (fewest MACs, then the earliest step)
/// whose measured metric is at most <paramref name="MaxDrop"/> worse than the original's on every task. The original
/// always qualifies, so there is always a choice.</summary>
public sealed record MeasuredChoice(double MaxDrop, int Step);

/// <summary>One network as measured: where it is on the search's path (<paramref name="Step"/> kept edits after the
/// submitted network), its ONNX before and after the fine-tune (blob hashes), its exact cost, and per task the measured
/// metric beside the predictor's guess for it.</summary>
public sealed record NetworkMeasurement(
    string ModelBlobHash,
    string FineTunedBlobHash,
    long Macs,
    long Params,
    IReadOnlyDictionary<string, double> Measured,
    IReadOnlyDictionary<string, double> Predicted,
    int Step = 0);
