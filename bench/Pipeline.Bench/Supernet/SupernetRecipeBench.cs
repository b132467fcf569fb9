using System.Diagnostics;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Bench.Supernet;

/// <summary>
/// Issue 12's recipe ablation on mbv3-28: the old recipe, the new one, the new one with each fix undone, and the
/// smallest and largest subnets trained alone by the new recipe as controls; same seed, data and budget, validation
/// top-1 against the old recipe's. mbv3-28 has no transformer, so the switchable-scaling start has no row.
/// </summary>
public static class SupernetRecipeBench
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly IVisionTask Classification = TaskRegistry.CreateDefault().Get("classification");

    public static BenchTable Run(SupernetBenchOptions options)
    {
        var space = Spaces.Get("mbv3-28");
        var recipe = new SupernetRecipe(Epochs: options.RecipeEpochs, TrainImages: options.RecipeImages, Seed: 11);
        var table = new BenchTable($"supernet recipe ablation (mbv3-28, {recipe.Epochs} epoch(s) on {recipe.TrainImages:N0} images, seed {recipe.Seed}, validation split)");
        var data = TaskDataSets.Load(Classification, options.Data, recipe.TrainImages, options.EvaluationImages, recipe.Seed);
        var old = Measure("old recipe", space, recipe.Legacy(), data, sampler: null);
        Add(table, "old recipe (all fixes off)", old, old);
        foreach (var (name, variant) in Variants(recipe).Where(v => Chosen(options, v.Name)))
        {
            Add(table, name, Measure(name, space, variant, data, sampler: null), old);
        }

        foreach (var (name, point) in new[] { ("smallest", space.Smallest), ("largest", space.Largest) }.Where(c => Chosen(options, $"{c.Item1} alone")))
        {
            var alone = Measure($"{name} alone", space, recipe, data, new FixedSampler([point]));
            table.Add(new("recipe", $"{name} subnet trained alone, new recipe", $"{name} top-1", name == "smallest" ? alone.Smallest : alone.Largest, "", "old recipe", name == "smallest" ? old.Smallest : old.Largest));
        }

        return table;
    }

    /// <summary>Whether a row is asked for: every row without <c>--rows</c>, else those whose name contains one of its words (the old recipe, the baseline, always runs).</summary>
    private static bool Chosen(SupernetBenchOptions options, string name) =>
        options.RecipeRows is not { Count: > 0 } rows || rows.Any(r => name.Contains(r, StringComparison.OrdinalIgnoreCase));

    /// <summary>The new recipe, then one row per fix with only that fix undone.</summary>
    private static IEnumerable<(string Name, SupernetRecipe Recipe)> Variants(SupernetRecipe recipe)
    {
        var sandwich = recipe.SandwichOrDefault;
        yield return ("new recipe", recipe);
        yield return ("new minus student-loss averaging", recipe with { Sandwich = sandwich with { StudentLossAveraging = false } });
        yield return ("new minus teacher warm-up", recipe with { Sandwich = sandwich with { TeacherWarmupFraction = 0 } });
        yield return ("new minus zero-init residual gamma", recipe with { ZeroInitResidualGamma = false });
        yield return ("new minus projection delay", recipe with { Sandwich = sandwich with { ProjectionStartFraction = 0 } });
        yield return ("new minus gradient clipping", recipe with { Sandwich = sandwich with { GradientClipNorm = 0 } });
        yield return ("new minus LR warm-up", recipe with { Sandwich = sandwich with { LearningRateWarmupFraction = 0 } });
        yield return ("new minus student label loss", recipe with { Sandwich = sandwich with { StudentLabelWeight = 0 } });
        yield return ("new minus T=1 (task's T=4)", recipe with { Sandwich = sandwich with { DistillationTemperature = null } });
    }

    private static (double Smallest, double Largest) Measure(string name, ISearchSpace space, SupernetRecipe recipe, TaskDataSets data, FixedSampler? sampler)
    {
        var clock = Stopwatch.StartNew();
        using var experiment = new SupernetExperiment(space, Classification, recipe, BenchProgress.Steps($"recipe: {name}"), sampler);
        experiment.Train(data.Train, BenchProgress.Epochs($"recipe: {name}"));
        var result = (experiment.Evaluate(space.Smallest, data.Train, data.Validation), experiment.Evaluate(space.Largest, data.Train, data.Validation));
        Console.Error.WriteLine($"[recipe: {name}] smallest {result.Item1:F4}, largest {result.Item2:F4}, {clock.Elapsed.TotalSeconds:F0} s");
        return result;
    }

    private static void Add(BenchTable table, string name, (double Smallest, double Largest) result, (double Smallest, double Largest) old)
    {
        table.Add(new("recipe", name, "smallest top-1", result.Smallest, "", "old recipe", old.Smallest));
        table.Add(new("recipe", name, "largest top-1", result.Largest, "", "old recipe", old.Largest));
    }
}
