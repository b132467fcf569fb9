namespace NasPipeline.Bench.Nat;

/// <summary>The three arms of NAT's claim: the loop with supernet adaptation, the same loop on the fixed supernet, and
/// random subnets measured on the fixed supernet.</summary>
public enum NatStrategy
{
    FullNat,
    NoAdaptation,
    Random,
}

/// <summary>One arm on one seed: every subnet it measured (top-1 on the validation images) and the front's hypervolume.</summary>
public sealed record NatArmResult(NatStrategy Strategy, int Seed, IReadOnlyDictionary<string, double> Measured, double Hypervolume, double BestTop1, double Seconds);
