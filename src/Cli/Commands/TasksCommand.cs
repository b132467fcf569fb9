using System.CommandLine;
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
        var tasks = CliTasks.Registry().All.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new
        {
            t.Name,
            Metric = t.MetricName,
            t.HigherIsBetter,
            t.InputSize,
            Recipe = new { t.DefaultRecipe.Epochs, t.DefaultRecipe.BatchSize, t.DefaultRecipe.LearningRate },
        }).ToList();
        if (json)
        {
            await output.WriteLineAsync(CliJson.Serialize(tasks));
            return 0;
        }

        await output.WriteLineAsync($"{"task",-16} {"metric",-9} {"better",-7} {"input",-6} default recipe");
        foreach (var t in tasks)
        {
            await output.WriteLineAsync(FormattableString.Invariant(
                $"{t.Name,-16} {t.Metric,-9} {(t.HigherIsBetter ? "higher" : "lower"),-7} {t.InputSize + "px",-6} {t.Recipe.Epochs} epochs, batch {t.Recipe.BatchSize}, Adam lr {t.Recipe.LearningRate:G3}"));
        }

        return 0;
    }
}
