namespace NasPipeline.Supernet.Training;

/// <summary>What changes with the step in a run of <c>totalSteps</c>: the rate, and which parts of the sandwich are on.</summary>
public static class SupernetSchedule
{
    /// <summary>
    /// Linear warm-up to <paramref name="peak"/> over the first warm-up steps (step w of W runs at (w + 1) / W of it, so
    /// no step is wasted at rate 0), then cosine decay over the remaining steps; no warm-up is the plain cosine.
    /// </summary>
    public static double LearningRate(double peak, int step, int totalSteps, double warmupFraction)
    {
        var warmup = SandwichRecipe.StepsOf(warmupFraction, totalSteps);
        if (step < warmup)
        {
            return peak * (step + 1) / warmup;
        }

        var decaySteps = Math.Max(1, totalSteps - warmup);
        return 0.5 * peak * (1 + Math.Cos(Math.PI * (step - warmup) / decaySteps));
    }

    public static bool TeacherOnly(SandwichRecipe recipe, int step, int totalSteps) =>
        step < SandwichRecipe.StepsOf(recipe.TeacherWarmupFraction, totalSteps);

    public static bool ProjectionOn(SandwichRecipe recipe, int step, int totalSteps) =>
        step >= SandwichRecipe.StepsOf(recipe.ProjectionStartFraction, totalSteps);
}
