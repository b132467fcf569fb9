using System.Globalization;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Supernets;

/// <summary>Reads and checks `supernet train`'s options into a <see cref="SupernetRecipe"/> (defaults: the recipe's).</summary>
public static class SupernetRecipeOptions
{
    public const string Usage = "[--space mbv3-28|nasvit-hybrid] [--task classification] [--epochs E] [--train-images N] [--batch B] [--optimizer adamw|sgd] [--lr LR] [--seed S] [--no-projection] [--no-scaling]";

    public static SupernetRecipe Read(CliArgs args, SearchSpaceRegistry spaces, TaskRegistry tasks)
    {
        var defaults = new SupernetRecipe();
        var recipe = new SupernetRecipe(
            Space: args.Option("space") ?? defaults.Space,
            Task: args.Option("task") ?? defaults.Task,
            Seed: args.IntOption("seed", defaults.Seed),
            Epochs: args.IntOption("epochs", defaults.Epochs),
            TrainImages: args.IntOption("train-images", defaults.TrainImages),
            BatchSize: args.IntOption("batch", defaults.BatchSize),
            LearningRate: Double(args, "lr", defaults.LearningRate),
            Optimizer: (args.Option("optimizer") ?? "adamw") switch
            {
                "adamw" => SupernetOptimizer.AdamW,
                "sgd" => SupernetOptimizer.Sgd,
                var other => throw new CliUsageException($"--optimizer is adamw or sgd, not '{other}'."),
            },
            GradientProjection: !args.Flag("no-projection"),
            SwitchableScaling: !args.Flag("no-scaling"));
        if (!spaces.TryGet(recipe.Space, out _))
        {
            throw new CliUsageException($"No search space '{recipe.Space}'; built in: {string.Join(", ", spaces.Names.Order(StringComparer.Ordinal))}.");
        }

        if (!tasks.Contains(recipe.Task))
        {
            throw new CliUsageException($"No task '{recipe.Task}'; `nasp tasks` lists them.");
        }

        Require(recipe.Epochs is >= 1 and <= 1000, "--epochs must be between 1 and 1000.");
        Require(recipe.BatchSize is >= 2 and <= 4096, "--batch must be between 2 and 4096.");
        Require(recipe.TrainImages >= recipe.BatchSize && recipe.TrainImages <= 55_000, $"--train-images must be between the batch size ({recipe.BatchSize}) and 55000 (the training split).");
        Require(recipe.LearningRate is > 0 and <= 10, "--lr must be above 0 and at most 10.");
        return recipe;
    }

    private static double Double(CliArgs args, string name, double fallback)
    {
        var text = args.Option(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CliUsageException($"--{name} must be a number, not '{text}'.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CliUsageException(message);
        }
    }
}
