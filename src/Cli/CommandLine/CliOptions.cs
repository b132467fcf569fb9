using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NasPipeline.Cli.CommandLine;

/// <summary>Options and arguments several commands share, so each is read, checked and described the same way.</summary>
public static class CliOptions
{
    public static Option<bool> Json(string description = "Print JSON instead of the table.") => new("--json") { Description = description };

    public static Option<string?> Text(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName };

    public static Option<int> Int(string name, int fallback, string description, string helpName = "N") => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => fallback,
        CustomParser = result => WholeNumber(result, name) ?? 0,
    };

    /// <summary>A whole number whose default lives elsewhere (a stage's configuration, another option): null when not given.</summary>
    public static Option<int?> OptionalInt(string name, string description, string helpName = "N") => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => WholeNumber(result, name),
    };

    /// <summary><c>--input</c>, repeatable: one shape per graph input, in order or by name.</summary>
    public static Option<string[]> InputShapes() => new("--input")
    {
        Description = "The shape of a graph input with symbolic dims, e.g. 1x3x224x224 or NAME=1x3x224x224; repeat for each input.",
        HelpName = "SHAPE",
    };

    public static Option<int> Timeout(int seconds, string what) =>
        Int("--timeout", seconds, $"Seconds to {what} before giving up (exit 3).", "SECONDS");

    public static Argument<string> Run(string description = "A run id, or a unique prefix of one (at least 4 characters, as `nasp runs` prints them).") =>
        new("RUN") { Description = description };

    // The parser's own message names System.Int32; this one names the option.
    private static int? WholeNumber(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"{name} must be a whole number, not '{text}'.");
        return null;
    }
}
