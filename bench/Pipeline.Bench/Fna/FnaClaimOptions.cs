namespace NasPipeline.Bench.Fna;

/// <summary>
/// The budget of FNA's claim run: the seed trains on classification for <see cref="SeedEpochs"/> over
/// <see cref="TrainImages"/> images; each (task, seed) runs the architecture adaptation (warm-up and search epochs)
/// and then fine-tunes the derived network for <see cref="FineTuneEpochs"/>, remapped and random-initialised;
/// metrics are measured on <see cref="TestImages"/> images of the official test split.
/// </summary>
public sealed record FnaClaimOptions(
    IReadOnlyList<string> Tasks,
    int Seeds = 3,
    int FirstSeed = 1,
    int TrainImages = 6_000,
    int TestImages = 10_000,
    int SeedEpochs = 3,
    int WarmupEpochs = 1,
    int SearchEpochs = 2,
    int FineTuneEpochs = 1,
    double CostWeight = 0.5,
    double AlphaLearningRate = 0.02,
    int AlphaBatchSize = 32)
{
    public static FnaClaimOptions Quick(IReadOnlyList<string> tasks) =>
        new(tasks, Seeds: 1, TrainImages: 512, TestImages: 256, SeedEpochs: 1, WarmupEpochs: 1, SearchEpochs: 1, FineTuneEpochs: 1);
}
