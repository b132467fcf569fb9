using System.CommandLine;

namespace NasPipeline.Cli.CommandLine;

public static class CommandPath
{
    /// <summary>"nasp predictor eval": what a user types to reach the command, for messages and help hints.</summary>
    public static string Of(Command command)
    {
        var names = new List<string>();
        for (var current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(current is RootCommand ? "nasp" : current.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
