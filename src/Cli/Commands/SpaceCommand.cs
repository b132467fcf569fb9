using System.Globalization;
using System.Text.Json;
using NasPipeline.Cli.Supernets;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Cli.Commands;

/// <summary>The built-in search spaces: list them, or sample points with their exact cost.</summary>
public static class SpaceCommand
{
    public const string Usage = "space list | space sample SPACE [--n K] [--seed S] [--json]";

    public static async Task<int> RunAsync(CliArgs args, TextWriter output)
    {
        var verb = args.Positional(1, "list or sample");
        var registry = SearchSpaceRegistry.CreateDefault();
        switch (verb)
        {
            case "list":
                args.RejectUnknown();
                foreach (var space in registry.Names.Order(StringComparer.Ordinal).Select(registry.Get))
                {
                    await output.WriteLineAsync($"{space.Name,-14} {space.Genes.Count} genes; smallest {Cost(space, space.Smallest)}, largest {Cost(space, space.Largest)}");
                }

                return 0;
            case "sample":
                return await SampleAsync(args, registry, output);
            default:
                throw new CliUsageException($"Unknown space command '{verb}'; use: {Usage}");
        }
    }

    private static async Task<int> SampleAsync(CliArgs args, SearchSpaceRegistry registry, TextWriter output)
    {
        var name = args.Positional(2, "the space name");
        var count = args.IntOption("n", 10);
        var seed = args.IntOption("seed", 0);
        var json = args.Flag("json");
        args.RejectUnknown();
        if (!registry.TryGet(name, out var space))
        {
            throw new CliUsageException($"No search space '{name}'; built in: {string.Join(", ", registry.Names.Order(StringComparer.Ordinal))}.");
        }

        if (count is < 1 or > 100_000)
        {
            throw new CliUsageException("--n must be between 1 and 100000.");
        }

        var random = new Random(seed);
        var points = Enumerable.Range(0, count).Select(_ =>
        {
            var encoding = space.Sample(random);
            var cost = space.Cost(encoding);
            return new { encoding, macs = cost.Macs, @params = cost.Params, description = space.Describe(encoding) };
        }).ToList();
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { space = name, seed, points }, CliJson.Options));
            return 0;
        }

        foreach (var p in points)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{PointText.Format(p.encoding),-40} {p.macs,12:N0} MACs {p.@params,10:N0} params  {p.description}"));
        }

        return 0;
    }

    private static string Cost(ISearchSpace space, IReadOnlyList<int> point)
    {
        var cost = space.Cost(point);
        return string.Create(CultureInfo.InvariantCulture, $"{cost.Macs / 1e6:F2} MMACs / {cost.Params / 1e3:F0} k params");
    }
}
