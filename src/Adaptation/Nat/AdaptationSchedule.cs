namespace NasPipeline.Adaptation.Nat;

/// <summary>
/// How one supernet adaptation runs, whole: the steps over all its chunks, the batch, AdamW's rate (cosine-decayed
/// over <paramref name="TotalSteps"/>) and decay, and the seed every batch order and sampled subnet derives from. A
/// step's batch and subnet depend only on the seed and the step's index, so cutting the steps into chunks, or running a
/// chunk again after a crash, changes nothing.
/// </summary>
public sealed record AdaptationSchedule(int TotalSteps, int BatchSize, double LearningRate, double WeightDecay, int Seed)
{
    /// <summary>The learning rate at <paramref name="step"/> (0-based).</summary>
    public double LearningRateAt(int step) => 0.5 * LearningRate * (1 + Math.Cos(Math.PI * step / Math.Max(1, TotalSteps)));
}
