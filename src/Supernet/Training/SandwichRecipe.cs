namespace NasPipeline.Supernet.Training;

/// <summary>
/// How the sandwich's losses are weighted and the run is scheduled. The defaults fix what left the supernet behind
/// its targets (issue 12): three students distilling from a still-random teacher outweighed its one label loss,
/// projection and an un-warmed AdamW at 5e-3 pushed large updates from step 0.
/// </summary>
/// <param name="StudentLossAveraging">Average the students' losses instead of summing them, so together they weigh as much as the teacher.</param>
/// <param name="TeacherWarmupFraction">Share of the steps in which only the largest subnet trains, so students first distil from a teacher that predicts something.</param>
/// <param name="ProjectionStartFraction">Share of the steps before gradient projection turns on (NASViT: a quarter); early gradients are noise it would amplify.</param>
/// <param name="GradientClipNorm">Global L2 norm the combined gradient is clipped to (NASViT: 1.0); 0 = no clipping.</param>
/// <param name="LearningRateWarmupFraction">Share of the steps over which the rate rises linearly to its peak before the cosine decay.</param>
/// <param name="StudentLabelWeight">Weight of a student's own label loss (OFA adds it to the distillation loss); 0 = distillation only.</param>
/// <param name="StudentDistillationWeight">Weight of a student's in-place distillation loss.</param>
/// <param name="DistillationTemperature">Softmax temperature of the distillation (BigNAS and NASViT distil at 1); null = the task's own.</param>
/// <param name="SharedResolution">All subnets of a step run at one resolution drawn per step (OFA) instead of each at its own gene (BigNAS).</param>
public sealed record SandwichRecipe(
    bool StudentLossAveraging = true,
    double TeacherWarmupFraction = 0.1,
    double ProjectionStartFraction = 0.25,
    double GradientClipNorm = 1.0,
    double LearningRateWarmupFraction = 0.05,
    double StudentLabelWeight = 1.0,
    double StudentDistillationWeight = 1.0,
    double? DistillationTemperature = 1.0,
    bool SharedResolution = false)
{
    public static SandwichRecipe Default { get; } = new();

    /// <summary>The trainer before issue 12: summed distillation-only students at the task's temperature, projection and the full rate from step 0, no clipping.</summary>
    public static SandwichRecipe Legacy { get; } = new(false, 0, 0, 0, 0, 0, 1, null);

    /// <summary>The first step of the <paramref name="fraction"/> of <paramref name="totalSteps"/> that is warm-up.</summary>
    public static int StepsOf(double fraction, int totalSteps) => (int)Math.Ceiling(Math.Clamp(fraction, 0, 1) * totalSteps);
}
