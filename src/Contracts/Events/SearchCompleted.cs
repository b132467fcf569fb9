namespace NasPipeline.Contracts.Events;

/// <summary>The best network under one constraint. <see cref="Best"/> is null when no network the search saw meets
/// it; then <see cref="Closest"/> is the quantity of the one that came closest, in the constraint's terms (a factor of
/// the submitted network's figure when the constraint is relative). Added later: older stored events read back null.</summary>
public sealed record ConstrainedBest(string Constraint, FrontMember? Best, double? Closest = null);

/// <summary>The final Pareto front, and the best point under each of the submission's constraints. A mutation search
/// of a submitted network also stores the kept network's ONNX, under <see cref="ModelBlobHash"/>, and says where its
/// weights come from in <see cref="ModelWeights"/> (sliced from the submitted model, or seeded where the file had none).</summary>
public sealed record SearchCompleted(
    Guid RunId, IReadOnlyList<FrontMember> Front, IReadOnlyList<ConstrainedBest> BestUnderConstraints, string? ModelBlobHash = null,
    string? ModelWeights = null) : IRunMessage;
