using NasPipeline.Supernet.Experiments;
using NasPipeline.Vision.Data;

namespace NasPipeline.Bench.Supernet;

/// <summary>The budgets of the supernet benchmarks; the defaults are the README's, <c>--quick</c> shrinks them to a smoke run.</summary>
public sealed record SupernetBenchOptions(
    FashionMnistOptions Data,
    SupernetRecipe Accuracy,
    int SpeedImages = 10_000,
    int EvaluationImages = 5_000,
    int FidelitySubnets = 20,
    int StandaloneEpochs = 3,
    int StandaloneSeeds = 2,
    int StandaloneImages = 55_000,
    int AblationImages = 10_000,
    int AblationEpochs = 1,
    int RecipeImages = 10_000,
    int RecipeEpochs = 1,
    int Threads = 2,
    int CalibrationBatches = 4,
    IReadOnlyList<string>? RecipeRows = null,
    string? TruthRecords = null)
{
    public static SupernetBenchOptions Default(bool quick) => quick
        ? new(new FashionMnistOptions(), new SupernetRecipe(Epochs: 1, TrainImages: 1_024), SpeedImages: 1_024, EvaluationImages: 512,
            FidelitySubnets: 4, StandaloneEpochs: 1, StandaloneImages: 512, AblationImages: 512, AblationEpochs: 1, RecipeImages: 512)
        : new(new FashionMnistOptions(), new SupernetRecipe());
}
