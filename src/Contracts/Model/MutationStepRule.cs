namespace NasPipeline.Contracts.Model;

/// <summary>How the mutation search chooses among a round's qualifying mutants (predicted metric not below the
/// original's, fewer MACs, within <c>--max-step-cut</c>).</summary>
public enum MutationStepRule
{
    /// <summary>The most predicted headroom, then the fewest MACs (the default).</summary>
    Headroom,

    /// <summary>The edit that leaves its layer the largest share of its submitted size (a channel group's width, a
    /// kernel's area; a removed block keeps none), then the most headroom: the cut spreads over the network before any
    /// layer is cut twice, as uniform width pruning does.</summary>
    Spread,
}
