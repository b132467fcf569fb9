using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Tests.Training;
using NasPipeline.Vision.Training;
using RotationTaskPlugin;
using Xunit.Abstractions;

namespace NasPipeline.Vision.Tests.PlugIn;

[Collection(TrainingCollection.Name)]
public sealed class PlugInTaskTests(ITestOutputHelper output)
{
    [Fact]
    public void A_task_defined_outside_the_library_registers_trains_and_evaluates()
    {
        TestImages.UseTwoThreads();
        var registry = TaskRegistry.CreateDefault().Register(new RotationTask());
        var task = registry.Get("rotation");
        var train = task.Prepare(TestImages.Take(512), seed: 1);
        var test = task.Prepare(TestImages.Take(256, offset: 512), seed: 2);
        var (backbone, head) = TaskTrainer.CreateModel(task, () => new SmallConvBackbone(), seed: 1);
        var steps = 0;

        new TaskTrainer(backbone, head, task, TrainerOptions.From(task.DefaultRecipe, seed: 1))
            .Train(train, new SynchronousProgress<TrainingProgress>(_ => steps++));
        var top1 = TaskEvaluator.Evaluate(backbone, head, task, test);
        output.WriteLine($"rotation top1 {top1:F3} after {steps} steps");

        Assert.Equal(6, registry.All.Count);
        Assert.Equal(3 * 16, steps);
        Assert.True(top1 > 0.4, $"top-1 {top1:F3} should beat chance (0.25) clearly");
    }

    [Fact]
    public void Registering_a_second_task_of_the_same_name_is_refused() =>
        Assert.Throws<ArgumentException>(() => TaskRegistry.CreateDefault().Register(new RotationTask()).Register(new RotationTask()));

    [Fact]
    public void Default_registry_holds_the_five_built_in_tasks() =>
        Assert.Equal(["classification", "denoising", "detection", "keypoints", "segmentation"], TaskRegistry.CreateDefault().All.Select(t => t.Name).Order());
}
