namespace NasPipeline.Tests.Telemetry;

/// <summary>One span as OpenTelemetry's console exporter prints it.</summary>
public sealed record ConsoleSpan(string TraceId, string Name);

public static class ConsoleSpans
{
    /// <summary>The spans in a process's output: each block starts with its trace id, and names the span a few lines on.</summary>
    public static IReadOnlyList<ConsoleSpan> Parse(string output)
    {
        var spans = new List<ConsoleSpan>();
        string? traceId = null;
        foreach (var line in output.Split('\n').Select(l => l.Trim()))
        {
            if (Value(line, "Activity.TraceId:") is { } id)
            {
                traceId = id;
            }
            else if (Value(line, "Activity.DisplayName:") is { } name && traceId is not null)
            {
                spans.Add(new ConsoleSpan(traceId, name));
                traceId = null;
            }
        }

        return spans;
    }

    private static string? Value(string line, string key) =>
        line.StartsWith(key, StringComparison.Ordinal) ? line[key.Length..].Trim() : null;
}
