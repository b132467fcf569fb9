using NasPipeline.Supernet.Sandwich;
using NasPipeline.Supernet.Tests.Fixtures;
using NasPipeline.Supernet.Training;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Training;

/// <summary>The sandwich recipe's effect on one trainer: what reaches the gradients and when.</summary>
public sealed class SandwichRecipeTests
{
    private static readonly QuadrantTask Task = new();
    private static readonly SandwichRecipe Plain = SandwichRecipe.Legacy;

    private static SupernetTrainingOptions Options(SandwichRecipe recipe, bool projection = false) =>
        new(Epochs: 2, BatchSize: 8, LearningRate: 0.05, WeightDecay: 1e-4, Seed: 9, GradientProjection: projection, StepsPerEpoch: 2, Recipe: recipe);

    private static SupernetTrainer Trainer(SupernetTrainingOptions options, ISubnetSampler? sampler = null)
    {
        Torch.Ready();
        var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        return new SupernetTrainer(supernet, Task, options, sampler: sampler);
    }

    /// <summary>Every parameter's gradient after one lone step (zeros where none), flattened into one vector.</summary>
    private static float[] GradientsAfterOneStep(SandwichRecipe recipe, params IReadOnlyList<int>[] subnets)
    {
        Torch.Ready();
        var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        using var trainer = new SupernetTrainer(supernet, Task, Options(recipe), sampler: new Fixed(subnets));
        using (var batch = new QuadrantData(8, seed: 1).Batch([.. Enumerable.Range(0, 8)]))
        {
            trainer.Step(batch);
        }

        return [.. supernet.Module.parameters().Concat(trainer.Head.parameters()).SelectMany(p => p.grad is { } g ? g.data<float>().ToArray() : new float[p.numel()])];
    }

    private static float[] Weights(SupernetTrainer trainer, ElasticSupernet supernet) =>
        [.. supernet.Module.parameters().Concat(trainer.Head.parameters()).SelectMany(p => p.data<float>().ToArray())];

    [Fact]
    public void Averaged_students_contribute_the_mean_of_their_gradients_and_summed_ones_the_sum()
    {
        var largest = TinyHybrid.Space.Largest;
        var smallest = TinyHybrid.Space.Smallest;
        var other = TinyHybrid.Space.Sample(new Random(3));
        var teacher = GradientsAfterOneStep(Plain, largest);
        var first = GradientsAfterOneStep(Plain, largest, smallest);
        var second = GradientsAfterOneStep(Plain, largest, other);
        var summed = GradientsAfterOneStep(Plain, largest, smallest, other);
        var averaged = GradientsAfterOneStep(Plain with { StudentLossAveraging = true }, largest, smallest, other);

        for (var i = 0; i < teacher.Length; i++)
        {
            var a = first[i] - teacher[i];
            var b = second[i] - teacher[i];
            Assert.Equal(a + b, summed[i] - teacher[i], 1e-5);
            Assert.Equal((a + b) / 2, averaged[i] - teacher[i], 1e-5);
        }
    }

    [Fact]
    public void A_students_label_loss_adds_its_weighted_cross_entropy_gradient()
    {
        var largest = TinyHybrid.Space.Largest;
        var smallest = TinyHybrid.Space.Smallest;
        var teacher = GradientsAfterOneStep(Plain, largest);
        var distilled = GradientsAfterOneStep(Plain, largest, smallest);
        var labelsOnly = GradientsAfterOneStep(Plain with { StudentDistillationWeight = 0, StudentLabelWeight = 1 }, largest, smallest);
        var both = GradientsAfterOneStep(Plain with { StudentLabelWeight = 0.5 }, largest, smallest);

        Assert.Contains(Enumerable.Range(0, teacher.Length), i => Math.Abs(labelsOnly[i] - distilled[i]) > 1e-4);
        for (var i = 0; i < teacher.Length; i++)
        {
            var expected = teacher[i] + (distilled[i] - teacher[i]) + (0.5f * (labelsOnly[i] - teacher[i]));
            Assert.Equal(expected, both[i], 1e-5);
        }
    }

    [Fact]
    public void Projection_waits_for_its_start_step()
    {
        var data = new QuadrantData(64, seed: 1);
        Torch.Ready();
        float[] Train(bool projection, double start)
        {
            var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
            using var trainer = new SupernetTrainer(supernet, Task, Options(Plain with { ProjectionStartFraction = start }, projection));
            trainer.Train(data);
            return Weights(trainer, supernet);
        }

        var off = Train(projection: false, start: 0);
        Assert.Equal(off, Train(projection: true, start: 1.0)); // 4 steps, projection from step 4: never
        Assert.NotEqual(off, Train(projection: true, start: 0.75)); // the last step projects
    }

    [Fact]
    public void While_the_teacher_warms_up_the_students_are_not_trained()
    {
        var data = new QuadrantData(64, seed: 1);
        var reports = new List<SupernetStepReport>();
        Torch.Ready();
        var supernet = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        using var warm = new SupernetTrainer(supernet, Task, Options(Plain with { TeacherWarmupFraction = 1.0 }), new Collect(reports));
        warm.Train(data);
        var alone = new ElasticSupernet(TinyHybrid.Space, new TinyHybrid(), seed: 5);
        using var largestOnly = new SupernetTrainer(alone, Task, Options(Plain), sampler: new Fixed([TinyHybrid.Space.Largest]));
        largestOnly.Train(data);

        Assert.Equal(4, reports.Count);
        Assert.All(reports, r => Assert.Equal(0.0, r.DistillationLoss));
        Assert.Equal(Weights(largestOnly, alone), Weights(warm, supernet));
    }

    private sealed class Fixed(IReadOnlyList<IReadOnlyList<int>> subnets) : ISubnetSampler
    {
        public IReadOnlyList<IReadOnlyList<int>> Next() => subnets;
    }

    private sealed class Collect(List<SupernetStepReport> reports) : IProgress<SupernetStepReport>
    {
        public void Report(SupernetStepReport value) => reports.Add(value);
    }
}
