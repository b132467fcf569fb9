using System.Text.Json;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

public sealed record CliResult(int ExitCode, string Output);

/// <summary>Runs the real `nasp` executable, as a user would.</summary>
public static class NaspCli
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        await using var process = ChildProcess.StartDll(RepoPaths.CliDll, environment, args);
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return new CliResult(code, process.Output);
    }

    /// <summary>The run id `submit` printed: its first stdout line, though not always the first line of the merged output
    /// (in-process mode notes the missing broker on stderr, and the two streams interleave as they arrive).</summary>
    public static string RunIdOf(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => Guid.TryParse(l, out _)) ?? throw new InvalidOperationException($"No run id in:\n{output}");

    /// <summary>The JSON object a command printed last. `--json` indents, so only its own first and last lines start
    /// with a brace, and progress on stderr before or after it is left out.</summary>
    public static JsonDocument LastJson(string output)
    {
        var start = output.LastIndexOf("\n{", StringComparison.Ordinal) + 1;
        var end = output.IndexOf("\n}", start, StringComparison.Ordinal);
        return JsonDocument.Parse(end < 0 ? output[start..] : output[start..(end + 2)]);
    }

    /// <summary>The fixture's servers and schema, without a broker: submit then runs every stage in-process.</summary>
    public static Dictionary<string, string> Embedded(PipelineFixture fixture) =>
        new(fixture.Environment) { ["RabbitMq__Uri"] = "" };
}
