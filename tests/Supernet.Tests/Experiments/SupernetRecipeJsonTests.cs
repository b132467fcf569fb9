using System.Text.Json;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Tasks.Classification;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Experiments;

public sealed class SupernetRecipeJsonTests
{
    // The label of a checkpoint written before issue 12's fields existed.
    private const string OldLabel = """
        {"Space":"mbv3-28","Task":"classification","Seed":3,"Epochs":2,"TrainImages":1000,"BatchSize":64,"LearningRate":0.005,
         "WeightDecay":4E-05,"RandomSubnets":2,"GradientProjection":true,"SwitchableScaling":false,"StepsPerEpoch":null,"Optimizer":1}
        """;

    [Fact]
    public void A_recipe_without_the_new_fields_reads_with_their_defaults()
    {
        var recipe = JsonSerializer.Deserialize<SupernetRecipe>(OldLabel)!;

        Assert.Equal(new SupernetRecipe(Seed: 3, Epochs: 2, TrainImages: 1000, BatchSize: 64, SwitchableScaling: false), recipe);
        Assert.Equal(SandwichRecipe.Default, recipe.ToTrainingOptions().Sandwich);
        Assert.True(recipe.ZeroInitResidualGamma);
    }

    [Fact]
    public void A_recipe_round_trips_with_its_sandwich_and_without_derived_fields()
    {
        var recipe = new SupernetRecipe(Seed: 4).Legacy();
        var json = JsonSerializer.Serialize(recipe);

        Assert.Equal(recipe, JsonSerializer.Deserialize<SupernetRecipe>(json));
        Assert.DoesNotContain("SandwichOrDefault", json, StringComparison.Ordinal);
        Assert.Equal(SandwichRecipe.Legacy, recipe.ToTrainingOptions().Sandwich);
        Assert.Equal(new(false, 1.0), recipe.Init);
    }

    [Fact]
    public void The_trainers_temperature_replaces_the_tasks_where_the_task_has_one()
    {
        Torch.Ready();
        var task = new ClassificationTask(distillationTemperature: 4.0);
        using var student = randn([6, 10], generator: Modules.Seeded(1));
        using var teacher = randn([6, 10], generator: Modules.Seeded(2));

        var atOne = InPlaceDistillation.Loss(task, student, teacher, 1.0).item<float>();

        Assert.Equal(Distillation.SoftmaxKl(student, teacher, 1.0).item<float>(), atOne);
        Assert.NotEqual(task.DistillationLoss(student, teacher).item<float>(), atOne);
        Assert.Equal(task.DistillationLoss(student, teacher).item<float>(), InPlaceDistillation.Loss(task, student, teacher, null).item<float>());
    }
}
