using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Supernet.Tests.Experiments;

/// <summary>The real spaces' supernets on real Fashion-MNIST images (installed by the test command), on a tiny budget.</summary>
public sealed class SupernetExperimentTests
{
    private static readonly IVisionTask Classification = TaskRegistry.CreateDefault().Get("classification");

    [Theory]
    [InlineData("mbv3-28", SupernetOptimizer.Sgd)]
    [InlineData("nasvit-hybrid", SupernetOptimizer.AdamW)]
    public void Same_seed_gives_identical_weights_and_metric(string spaceName, SupernetOptimizer optimizer)
    {
        Torch.Ready();
        var space = SearchSpaceRegistry.CreateDefault().Get(spaceName);
        var recipe = new SupernetRecipe(spaceName, Seed: 4, TrainImages: 64, BatchSize: 32, StepsPerEpoch: 2, LearningRate: optimizer == SupernetOptimizer.Sgd ? 0.05 : 2e-3, Optimizer: optimizer);
        var data = TaskDataSets.Load(Classification, new FashionMnistOptions(), recipe.TrainImages, 64, recipe.Seed);

        var first = Run(space, recipe, data);
        var second = Run(space, recipe, data);
        var otherSeed = Run(space, recipe with { Seed = 5 }, data);

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Metric, second.Metric);
        Assert.NotEqual(first.Weights, otherSeed.Weights);
        Assert.NotEqual(first.Weights, first.Initial);
    }

    [Fact]
    public void Checkpoint_restores_the_recipe_weights_and_metric()
    {
        Torch.Ready();
        var space = SearchSpaceRegistry.CreateDefault().Get("mbv3-28");
        var recipe = new SupernetRecipe(Seed: 8, TrainImages: 64, BatchSize: 32, StepsPerEpoch: 1, SwitchableScaling: false);
        var data = TaskDataSets.Load(Classification, new FashionMnistOptions(), recipe.TrainImages, 64, recipe.Seed);
        using var trained = new SupernetExperiment(space, Classification, recipe);
        trained.Train(data.Train);
        var bytes = trained.SaveCheckpoint();
        var point = space.Sample(new Random(1));
        var metric = trained.Evaluate(point, data.Train, data.Validation);

        var checkpoint = SupernetCheckpoint.Load(bytes);
        var restoredRecipe = SupernetExperiment.RecipeOf(checkpoint);
        using var restored = new SupernetExperiment(space, Classification, restoredRecipe with { Seed = 99 });
        restored.RestoreCheckpoint(checkpoint);

        Assert.Equal(recipe, restoredRecipe);
        Assert.Equal(metric, restored.Evaluate(point, data.Train, data.Validation));
    }

    private static (byte[] Initial, byte[] Weights, double Metric) Run(ISearchSpace space, SupernetRecipe recipe, TaskDataSets data)
    {
        using var experiment = new SupernetExperiment(space, Classification, recipe);
        var initial = SupernetCheckpoint.Load(experiment.SaveCheckpoint()).Supernet;
        experiment.Train(data.Train);
        var weights = SupernetCheckpoint.Load(experiment.SaveCheckpoint()).Supernet;
        return (initial, weights, experiment.Evaluate(space.Smallest, data.Train, data.Validation));
    }
}
