using System.CommandLine;
using System.Text.Json;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Cli.Commands;

/// <summary><c>tasks</c>: the registered vision tasks, their metrics and default recipes.</summary>
public static class TasksCommand
{
    public static Command Create()
    {
        var json = CliOptions.Json();
        var command = new Command("tasks", "List the registered vision tasks with their metrics and default training recipes.") { json };
        command.SetCliAction((parse, output, _) => RunAsync(parse.GetValue(json), output));
        return command;
    }

    public static async Task<int> RunAsync(bool json, TextWriter output)
    {
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
