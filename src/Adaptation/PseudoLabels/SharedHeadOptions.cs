namespace NasPipeline.Adaptation.PseudoLabels;

/// <summary>The shared head's budget: <paramref name="Steps"/> AdamW steps of <paramref name="BatchSize"/> images, a
/// latent population of <paramref name="PopulationSize"/> subnets over <paramref name="Bins"/> depth bins; the seed
/// fixes the head's initial weights, the batch order, the population and the latent noise. <paramref name="HeldGenes"/>:
/// the genes held at the largest subnet's value (<see cref="LatentPopulation"/>; null: the space's "resolution").</summary>
public sealed record SharedHeadOptions(
    int Steps, int BatchSize, double LearningRate, double WeightDecay, int PopulationSize = 8, int Bins = 4, int Seed = 1,
    IReadOnlyList<int>? HeldGenes = null);
