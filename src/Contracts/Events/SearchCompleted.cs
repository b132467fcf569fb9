namespace NasPipeline.Contracts.Events;

public sealed record ConstrainedBest(string Constraint, FrontMember? Best);

/// <summary>The final Pareto front, and the best point under each of the submission's constraints. A mutation search
/// of a submitted network also stores the kept network's ONNX, under <see cref="ModelBlobHash"/>, and says where its
/// weights come from in <see cref="ModelWeights"/> (sliced from the submitted model, or seeded where the file had none).</summary>
public sealed record SearchCompleted(
    Guid RunId, IReadOnlyList<FrontMember> Front, IReadOnlyList<ConstrainedBest> BestUnderConstraints, string? ModelBlobHash = null,
    string? ModelWeights = null) : IRunMessage;
