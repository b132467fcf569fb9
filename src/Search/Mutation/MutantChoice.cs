using NasPipeline.Contracts.Model;

namespace NasPipeline.Search.Mutation;

/// <summary>
/// Which of a round's mutants the search moves to. A mutant qualifies when it has fewer MACs than the current network,
/// no headroom is negative (its predicted metric is not below the original's) and, with a step cap, it removes at most
/// that fraction of the current network's MACs. Among those the one with the most headroom wins, then the fewest MACs:
/// spending the least predicted metric per step leaves room for later cuts, which over 10 seeds cut more MACs on both
/// ResNet-18 and MobileNetV2 than always taking the cheapest mutant. The cap is for a predictor that rates smaller
/// networks higher: without it the most headroom is the largest cut, and the path's first steps are its largest. With
/// kept shares (<see cref="MutationStepRule.Spread"/>) the largest share left comes first and headroom only breaks ties.
/// An allowance lets a mutant predicted slightly below the original qualify: a GNN that rates every edit of a network a
/// hair lower (0.001 of a point, where its ensemble disagrees by 0.07) would otherwise keep nothing.
/// </summary>
public static class MutantChoice
{
    /// <param name="headroom">Per mutant, its predicted metric minus the original's (NaN when it was not scored).</param>
    /// <param name="macs">Per mutant, its MACs.</param>
    /// <param name="currentMacs">The current network's MACs.</param>
    /// <param name="maxStepCut">The largest fraction of <paramref name="currentMacs"/> one step may remove; null: no cap.</param>
    /// <param name="keptShare">Per mutant, the share of its layer's submitted size it leaves (<see cref="KeptShare"/>);
    /// null: the rule is headroom first.</param>
    /// <param name="allowance">Per mutant, how far below 0 its headroom may be and still qualify (same units as
    /// <paramref name="headroom"/>); null: none.</param>
    /// <returns>The index of the mutant to move to, or null when none qualifies.</returns>
    public static int? Pick(IReadOnlyList<double> headroom, IReadOnlyList<long> macs, long currentMacs, double? maxStepCut = null,
        IReadOnlyList<double>? keptShare = null, IReadOnlyList<double>? allowance = null) =>
        Enumerable.Range(0, headroom.Count)
            .Where(i => headroom[i] >= -(allowance?[i] ?? 0) && macs[i] < currentMacs && WithinStep(macs[i], currentMacs, maxStepCut))
            .OrderByDescending(i => keptShare?[i] ?? 0).ThenByDescending(i => headroom[i]).ThenBy(i => macs[i]).ThenBy(i => i)
            .Cast<int?>().FirstOrDefault();

    private static bool WithinStep(long macs, long currentMacs, double? maxStepCut) =>
        maxStepCut is not { } cap || currentMacs - macs <= cap * currentMacs;
}
