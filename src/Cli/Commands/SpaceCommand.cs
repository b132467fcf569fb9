using System.CommandLine;
using System.Globalization;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Cli.Supernets;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Cli.Commands;

/// <summary>The built-in search spaces: list them, or sample points with their exact cost.</summary>
public static class SpaceCommand
{
    public static Command Create()
    {
        var list = new Command("list", "The built-in search spaces with their gene counts and smallest and largest costs.");
        list.SetCliAction((_, output, _) => ListAsync(output));

        var name = new Argument<string>("SPACE") { Description = "The space's name, as `nasp space list` prints it (e.g. mbv3-28)." };
        var count = CliOptions.Int("--n", 10, "How many points to sample (1 to 100000).", "K");
        var seed = CliOptions.Int("--seed", 0, "The sampler's seed: the same seed gives the same points.", "S");
        var json = CliOptions.Json();
        var sample = new Command("sample", "Seeded random points of a space with their encoding, exact MACs and params, and a description.") { name, count, seed, json };
        sample.SetCliAction((parse, output, _) => SampleAsync(parse.GetRequiredValue(name), parse.GetValue(count), parse.GetValue(seed), parse.GetValue(json), output));
        return new Command("space", "The built-in search spaces: list them, or sample points with their exact cost.") { list, sample };
    }

    public static async Task<int> ListAsync(TextWriter output)
    {
        var registry = SearchSpaceRegistry.CreateDefault();
        foreach (var space in registry.Names.Order(StringComparer.Ordinal).Select(registry.Get))
        {
            await output.WriteLineAsync($"{space.Name,-14} {space.Genes.Count} genes; smallest {Cost(space, space.Smallest)}, largest {Cost(space, space.Largest)}");
        }

        return 0;
    }

    public static async Task<int> SampleAsync(string name, int count, int seed, bool json, TextWriter output)
    {
        var registry = SearchSpaceRegistry.CreateDefault();
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
            return new { encoding, cost.Macs, cost.Params, Description = space.Describe(encoding) };
        }).ToList();
        if (json)
        {
            await output.WriteLineAsync(CliJson.Serialize(new { Space = name, seed, points }));
            return 0;
        }

        foreach (var p in points)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{CandidateCodec.FormatGenes(p.encoding),-40} {p.Macs,12:N0} MACs {p.Params,10:N0} params  {p.Description}"));
        }

        return 0;
    }

    private static string Cost(ISearchSpace space, IReadOnlyList<int> point)
    {
        var cost = space.Cost(point);
        return string.Create(CultureInfo.InvariantCulture, $"{cost.Macs / 1e6:F2} MMACs / {cost.Params / 1e3:F0} k params");
    }
}
