using NasPipeline.Supernet.Training;

namespace NasPipeline.Supernet.Tests.Training;

public sealed class SupernetScheduleTests
{
    [Theory]
    [InlineData(0, 0.2)] // 5 warm-up steps of 25: (0 + 1) / 5 of the peak
    [InlineData(2, 0.6)]
    [InlineData(4, 1.0)] // the last warm-up step reaches the peak
    [InlineData(5, 1.0)] // cosine over the remaining 20 steps starts at the peak
    [InlineData(15, 0.5)] // half-way through the decay: cos(pi / 2) = 0
    public void Rate_rises_linearly_then_decays_by_cosine(int step, double expected)
    {
        Assert.Equal(expected, SupernetSchedule.LearningRate(1.0, step, 25, 0.2), 12);
    }

    [Fact]
    public void Last_step_of_the_decay_is_near_zero_and_no_warm_up_is_the_plain_cosine()
    {
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 19 / 20)), SupernetSchedule.LearningRate(1.0, 24, 25, 0.2), 12);
        for (var step = 0; step < 20; step++)
        {
            Assert.Equal(0.5 * 5e-3 * (1 + Math.Cos(Math.PI * step / 20)), SupernetSchedule.LearningRate(5e-3, step, 20, 0.0), 15);
        }
    }

    [Fact]
    public void Projection_and_students_start_after_their_share_of_the_steps()
    {
        var recipe = new SandwichRecipe(TeacherWarmupFraction: 0.1, ProjectionStartFraction: 0.25);

        Assert.Equal([false, false, true, true], Enumerable.Range(0, 4).Select(s => SupernetSchedule.ProjectionOn(recipe, s, 8)));
        Assert.Equal([true, false], Enumerable.Range(0, 2).Select(s => SupernetSchedule.TeacherOnly(recipe, s, 8))); // ceil(0.8) = 1 step
        Assert.True(SupernetSchedule.ProjectionOn(recipe, 0, 0)); // a lone Step outside Train has no warm-up
        Assert.False(SupernetSchedule.TeacherOnly(recipe, 0, 0));
    }
}
