using System.CommandLine;

namespace NasPipeline.Cli.CommandLine;

/// <summary>What <c>nasp</c>, <c>nasp help</c> and <c>nasp --help</c> print: the commands, the settings, the exit codes.</summary>
public static class RootHelp
{
    public static int Print(RootCommand root, TextWriter output)
    {
        output.WriteLine("nasp: the NAS Pipeline command line");
        output.WriteLine();
        output.WriteLine("Usage: nasp COMMAND [ARGUMENTS] [OPTIONS]   (`nasp COMMAND --help` describes each option)");
        output.WriteLine();
        output.WriteLine("Commands:");
        var commands = root.Subcommands.Where(c => !c.Hidden).ToList();
        var width = commands.Max(c => c.Name.Length) + 2;
        foreach (var command in commands)
        {
            output.WriteLine($"  {command.Name.PadRight(width)}{command.Description}");
        }

        output.WriteLine();
        output.WriteLine("Servers: ConnectionStrings__Postgres (always), RabbitMq__Uri (else `submit` runs every stage in-process),");
        output.WriteLine("RabbitMq__ManagementUri (for `errors`). ./scripts/servers.sh env prints them for the private servers.");
        output.WriteLine();
        output.WriteLine($"Exit codes: {ExitCodes.Ok} done; {ExitCodes.Failed} failed (a rejected or failed run, an unreadable file, a server that does not answer);");
        output.WriteLine($"{ExitCodes.Usage} usage error (the message is on stderr); {ExitCodes.TimedOut} --wait or watch gave up after --timeout;");
        output.WriteLine($"{ExitCodes.Interrupted} stopped by Ctrl-C; {ExitCodes.Terminated} stopped by SIGTERM.");
        return ExitCodes.Ok;
    }
}
