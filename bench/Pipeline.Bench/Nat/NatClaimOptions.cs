namespace NasPipeline.Bench.Nat;

/// <summary>
/// The budget of <c>nasp-bench nat-claim</c>: NAT's loop with <see cref="Iterations"/> iterations of
/// <see cref="Generations"/> NSGA-III generations (population <see cref="Population"/>), <see cref="PerIteration"/>
/// subnets measured per iteration after <see cref="InitialSamples"/> initial ones, <see cref="AdaptSteps"/> supernet
/// steps per iteration (full NAT only), measured on <see cref="EvaluationImages"/> validation images; seeds
/// <see cref="FirstSeed"/> onwards, <see cref="Seeds"/> of them.
/// </summary>
public sealed record NatClaimOptions(
    int Seeds = 3,
    int InitialSamples = 10,
    int Iterations = 4,
    int PerIteration = 4,
    int Population = 20,
    int Generations = 8,
    int AdaptSteps = 80,
    int TrainImages = 20_000,
    int EvaluationImages = 2_000,
    int BatchSize = 128,
    double LearningRate = 1e-3,
    double WeightDecay = 4e-5,
    int RbfMembers = 100,
    int FirstSeed = 1)
{
    public static NatClaimOptions Quick => new(Seeds: 1, InitialSamples: 4, Iterations: 2, PerIteration: 2, Population: 8, Generations: 2,
        AdaptSteps: 4, TrainImages: 1_024, EvaluationImages: 256, RbfMembers: 20);
}
