using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Supernets;

/// <summary>`supernet train`'s recipe options: added to the command, read back and checked into a <see cref="SupernetRecipe"/>
/// (defaults: the recipe's).</summary>
public sealed class SupernetRecipeOptions
{
    private static readonly SupernetRecipe Defaults = new();

    private readonly Option<string> _space = new("--space")
    {
        Description = "The search space whose supernet is trained.", HelpName = "mbv3-28|nasvit-hybrid", DefaultValueFactory = _ => Defaults.Space,
    };

    private readonly Option<string> _task = new("--task") { Description = "The task it is trained on (see `nasp tasks`).", HelpName = "T", DefaultValueFactory = _ => Defaults.Task };
    private readonly Option<int> _seed = CliOptions.Int("--seed", Defaults.Seed, "Seeds the data order, the sampled subnets and the initial weights.", "S");
    private readonly Option<int> _epochs = CliOptions.Int("--epochs", Defaults.Epochs, "Training epochs (1-1000).", "E");
    private readonly Option<int> _trainImages = CliOptions.Int("--train-images", Defaults.TrainImages, "Training images used (the batch size up to 55000).");
    private readonly Option<int> _batch = CliOptions.Int("--batch", Defaults.BatchSize, "Images per step (2-4096).", "B");
    private readonly Option<string?> _lr = CliOptions.Text("--lr", $"Learning rate, above 0 and at most 10 (default {Defaults.LearningRate}).", "LR");

    private readonly Option<string> _optimizer = new("--optimizer")
    {
        Description = "adamw or sgd.", HelpName = "adamw|sgd", DefaultValueFactory = _ => "adamw",
    };

    private readonly Option<bool> _noProjection = new("--no-projection") { Description = "Turn off gradient projection between the sandwich's subnets." };
    private readonly Option<bool> _noScaling = new("--no-scaling") { Description = "Turn off switchable scaling." };

    public void AddTo(Command command)
    {
        Option[] options = [_space, _task, _epochs, _trainImages, _batch, _optimizer, _lr, _seed, _noProjection, _noScaling];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    public SupernetRecipe Read(ParseResult parse, SearchSpaceRegistry spaces, TaskRegistry tasks)
    {
        var recipe = new SupernetRecipe(
            Space: parse.GetValue(_space) ?? Defaults.Space,
            Task: parse.GetValue(_task) ?? Defaults.Task,
            Seed: parse.GetValue(_seed),
            Epochs: parse.GetValue(_epochs),
            TrainImages: parse.GetValue(_trainImages),
            BatchSize: parse.GetValue(_batch),
            LearningRate: Double(parse.GetValue(_lr), "--lr", Defaults.LearningRate),
            Optimizer: parse.GetValue(_optimizer) switch
            {
                "adamw" or null => SupernetOptimizer.AdamW,
                "sgd" => SupernetOptimizer.Sgd,
                var other => throw new CliUsageException($"--optimizer is adamw or sgd, not '{other}'."),
            },
            GradientProjection: !parse.GetValue(_noProjection),
            SwitchableScaling: !parse.GetValue(_noScaling));
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

    private static double Double(string? text, string name, double fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CliUsageException($"{name} must be a number, not '{text}'.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CliUsageException(message);
        }
    }
}
