using System.Text.Json;
using NasPipeline.Optimization.Benchmarks;

namespace NasPipeline.Cli.Commands;

/// <summary>NSGA-III on DTLZ1-4 with the paper's settings (IGD over seeds beside Table III), or its speed per
/// generation; the same code as bench/Optimization.Bench.</summary>
public static class BenchCommand
{
    public const string Usage =
        "bench nsga3 --problem dtlz1|dtlz2|dtlz3|dtlz4 --objectives 3|5|8|10 [--seeds 20] [--generations G] [--json] | bench nsga3 --speed [--json]";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static async Task<int> RunAsync(CliArgs args, TextWriter output)
    {
        var what = args.Positional(1, "what to benchmark (nsga3)");
        if (what != "nsga3")
        {
            throw new CliUsageException($"Unknown benchmark '{what}'; try: nasp {Usage}");
        }

        var json = args.Flag("json");
        if (args.Flag("speed"))
        {
            args.RejectUnknown();
            var speeds = SpeedBenchmark.RunStandardCases();
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(speeds, Json) : SpeedTable(speeds));
            return 0;
        }

        var problem = (args.Option("problem") ?? throw new CliUsageException("Name the problem: --problem dtlz1..dtlz4.")).ToLowerInvariant();
        var objectives = args.IntOption("objectives", 3);
        var seeds = args.IntOption("seeds", 20);
        int? generations = args.Option("generations") is null ? null : args.IntOption("generations", 0);
        args.RejectUnknown();
        if (seeds < 1 || generations < 1)
        {
            throw new CliUsageException("--seeds and --generations must be at least 1.");
        }

        DtlzResult result;
        try
        {
            result = DtlzBenchmark.Run(problem, objectives, seeds, generations, line => Console.Error.WriteLine(line));
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        await output.WriteLineAsync(json
            ? JsonSerializer.Serialize(result, Json)
            : MarkdownTables.DtlzHeader + Environment.NewLine + MarkdownTables.DtlzRow(result));
        return 0;
    }

    private static string SpeedTable(IReadOnlyList<SpeedResult> speeds) => string.Join(Environment.NewLine,
        [MarkdownTables.SpeedHeader, .. speeds.Select(MarkdownTables.SpeedRow), MarkdownTables.SpeedVerdict(speeds[0])]);
}
