using System.CommandLine;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Optimization.Benchmarks;

namespace NasPipeline.Cli.Commands;

/// <summary>NSGA-III on DTLZ1-4 with the paper's settings (IGD over seeds beside Table III), or its speed per
/// generation; the same code as bench/Optimization.Bench.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var problem = CliOptions.Text("--problem", "The DTLZ problem: dtlz1, dtlz2, dtlz3 or dtlz4.", "dtlz1..dtlz4");
        var objectives = CliOptions.Int("--objectives", 3, "Number of objectives: 3, 5, 8 or 10 (the paper's settings).");
        var seeds = CliOptions.Int("--seeds", 20, "Independent runs; IGD is reported best/median/worst over them.");
        var generations = CliOptions.OptionalInt("--generations", "Generations per run (default: the paper's for the problem and objectives).", "G");
        var speed = new Option<bool>("--speed") { Description = "Time NSGA-III's own work per generation instead of measuring IGD." };
        var json = CliOptions.Json();
        var nsga3 = new Command("nsga3", "NSGA-III on DTLZ1-4 with the paper's population and generations: IGD beside its Table III.")
        {
            problem, objectives, seeds, generations, speed, json,
        };
        nsga3.SetCliAction((parse, output, _) => parse.GetValue(speed)
            ? SpeedAsync(parse.GetValue(json), output)
            : Nsga3Async(parse.GetValue(problem), parse.GetValue(objectives), parse.GetValue(seeds), parse.GetValue(generations), parse.GetValue(json), output));
        return new Command("bench", "Optimiser benchmarks on this machine.") { nsga3 };
    }

    public static async Task<int> SpeedAsync(bool json, TextWriter output)
    {
        var speeds = SpeedBenchmark.RunStandardCases();
        await output.WriteLineAsync(json ? CliJson.Serialize(speeds) : SpeedTable(speeds));
        return 0;
    }

    public static async Task<int> Nsga3Async(string? problemName, int objectives, int seeds, int? generations, bool json, TextWriter output)
    {
        var problem = (problemName ?? throw new CliUsageException("Name the problem: --problem dtlz1..dtlz4 (or time NSGA-III with --speed).")).ToLowerInvariant();
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
            ? CliJson.Serialize(result)
            : MarkdownTables.DtlzHeader + Environment.NewLine + MarkdownTables.DtlzRow(result));
        return 0;
    }

    private static string SpeedTable(IReadOnlyList<SpeedResult> speeds) => string.Join(Environment.NewLine,
        [MarkdownTables.SpeedHeader, .. speeds.Select(MarkdownTables.SpeedRow), MarkdownTables.SpeedVerdict(speeds[0])]);
}
