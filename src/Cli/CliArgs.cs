namespace NasPipeline.Cli;

/// <summary>
/// The parsed command line: positional words, and options given as "--name value" (repeatable) or bare flags.
/// Unknown options are an error, so a typo never silently changes what a command does.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CliArgs(List<string> positionals) => Positionals = positionals;

    public IReadOnlyList<string> Positionals { get; }

    /// <param name="flags">Options that take no value.</param>
    public static CliArgs Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        var positionals = new List<string>();
        var parsed = new CliArgs(positionals);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inlineValue = null;
            var eq = name.IndexOf('=');
            if (eq > 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }

            if (flags.Contains(name))
            {
                parsed._flags.Add(name);
                continue;
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new CliUsageException($"--{name} needs a value."));
            if (!parsed._options.TryGetValue(name, out var values))
            {
                parsed._options[name] = values = [];
            }

            values.Add(value);
        }

        return parsed;
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _flags.Contains(name);
    }

    public string? Option(string name) => Options(name) is { Count: > 0 } values ? values[^1] : null;

    public IReadOnlyList<string> Options(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var values) ? values : [];
    }

    public int IntOption(string name, int fallback) => OptionalInt(name) ?? fallback;

    /// <summary>A whole number, or null when the option is not given (the caller's default lives elsewhere).</summary>
    public int? OptionalInt(string name)
    {
        var text = Option(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, out var value) ? value : throw new CliUsageException($"--{name} must be a whole number, not '{text}'.");
    }

    public string Positional(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new CliUsageException($"Missing {what}.");

    /// <summary>Call after a command has read its options: anything left was not understood.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Concat(_flags).Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

public sealed class CliUsageException(string message) : Exception(message);
