using System.Text.Json;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Commands;

/// <summary>The registered vision tasks, their metrics and default recipes.</summary>
public static class TasksCommand
{
    public const string Usage = "tasks [--json]";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output)
    {
        var json = args.Flag("json");
        args.RejectUnknown();
        var tasks = TaskRegistry.CreateDefault().All.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new
        {
            name = t.Name,
            metric = t.MetricName,
            higher_is_better = t.HigherIsBetter,
            input_size = t.InputSize,
            recipe = new { epochs = t.DefaultRecipe.Epochs, batch_size = t.DefaultRecipe.BatchSize, learning_rate = t.DefaultRecipe.LearningRate },
        }).ToList();
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(tasks, CliJson.Options));
            return 0;
        }

        await output.WriteLineAsync($"{"task",-16} {"metric",-9} {"better",-7} {"input",-6} default recipe");
        foreach (var t in tasks)
        {
            await output.WriteLineAsync(FormattableString.Invariant(
                $"{t.name,-16} {t.metric,-9} {(t.higher_is_better ? "higher" : "lower"),-7} {t.input_size + "px",-6} {t.recipe.epochs} epochs, batch {t.recipe.batch_size}, Adam lr {t.recipe.learning_rate:G3}"));
        }

        return 0;
    }
}
