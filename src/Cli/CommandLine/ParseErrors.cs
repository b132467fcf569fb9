using System.CommandLine;
using System.CommandLine.Parsing;

namespace NasPipeline.Cli.CommandLine;

/// <summary>
/// A command line the parser refused, reported the way every <c>nasp</c> error is: "error: ..." lines on stderr, a
/// suggestion for a mistyped option or command ("did you mean --population?"), and exit code 2.
/// </summary>
public static class ParseErrors
{
    public static int Report(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath.Of(command);
        var messages = new List<string>();
        var unmatched = parse.UnmatchedTokens;
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (token.StartsWith('-') && !IsNumber(token))
            {
                messages.Add($"{path} has no option {token}{Hint(Suggestions.Closest(token, OptionNames(command)))}.");
                // The word after an unknown option is most likely its value: one message is enough.
                if (i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith('-'))
                {
                    i++;
                }
            }
            else if (command.Subcommands.Count > 0)
            {
                var suggestion = Suggestions.Closest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                messages.Add(suggestion is null
                    ? $"{path} has no command '{token}'; it has: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}."
                    : $"{path} has no command '{token}' (did you mean {suggestion}?).");
                // What follows an unknown command was meant for it.
                break;
            }
            else
            {
                messages.Add($"{path} does not take '{token}' here (a stray word, or an option's value without its option?).");
            }
        }

        // The parser reports each unmatched token and a missing subcommand against the command: those are said here
        // in its own words. The rest (a bad value, a missing argument or required option) are passed on as they are.
        var needsCommand = command.Subcommands.Count > 0 && command.Action is null;
        messages.AddRange(parse.Errors
            .Where(e => e.SymbolResult is not CommandResult || !(needsCommand || unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
            .Select(e => e.Message));
        if (needsCommand && unmatched.Count == 0)
        {
            messages.Add($"{path} needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}.");
        }

        foreach (var message in messages.Distinct())
        {
            error.WriteLine($"error: {message}");
        }

        error.WriteLine($"Run `{path} --help` for its {(command.Subcommands.Count > 0 ? "commands" : "options")}.");
        return ExitCodes.Usage;
    }

    private static string Hint(string? suggestion) => suggestion is null ? "" : $" (did you mean {suggestion}?)";

    private static bool IsNumber(string token) => double.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>The command's own options and the recursive ones of its parents (--help), every alias.</summary>
    private static IEnumerable<string> OptionNames(Command command)
    {
        var options = command.Options.AsEnumerable();
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            options = options.Concat(parent.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
    }
}
