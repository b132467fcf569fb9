namespace NasPipeline.Contracts.Model;

/// <summary>
/// A submission's request for FNA instead of the mutation search (<c>nasp submit MODEL.onnx --fna</c>): the submitted
/// chain network is expanded into a super network, its architecture adapted to the run's first task with loss = task
/// loss + <paramref name="CostWeight"/>·log10(E[MACs]), and the derived network, with the seed's parameters remapped
/// into it, fine-tuned and measured beside the original. A MAC target (<paramref name="TargetMacsFactor"/> of the seed
/// backbone's MACs, or <paramref name="TargetMacs"/> as a count; at most one) derives the cheapest switches from argmax
/// that fit it instead of argmax alone.
/// </summary>
public sealed record FnaOptions(double CostWeight, double? TargetMacsFactor = null, long? TargetMacs = null)
{
    public const double DefaultCostWeight = 0.5;

    /// <summary>The backbone MAC budget for a seed of <paramref name="seedMacs"/>; null without a target.</summary>
    public long? BudgetFor(long seedMacs) => TargetMacs ?? (TargetMacsFactor is { } factor ? (long)Math.Floor(factor * seedMacs) : null);
}
