using NasPipeline.ArchitectureData.Importing;
using NasPipeline.SearchSpaces;

namespace NasPipeline.ArchitectureData.Tests;

/// <summary>Points of the built-in spaces: the graph is the space's own network, the encoding the candidate name.</summary>
public sealed class SearchSpacePointImporterTests
{
    [Theory]
    [InlineData("mbv3-28")]
    [InlineData("nasvit-hybrid")]
    public void Points_in_any_notation_become_the_space_s_network_with_its_exact_cost(string name)
    {
        var space = SearchSpaceRegistry.CreateDefault().Get(name);
        var a = space.Repair(space.Sample(new Random(1)));
        var b = space.Repair(space.Sample(new Random(2)));
        var csv = $"candidate,accuracy\n\"{name}:{string.Join(',', a)}\",0.81\n\"[{string.Join(' ', b)}]\",0.79\n";

        var records = ((CsvArchitectureImporter)ImporterRegistry.Default.Get(name)).Import(new StringReader(csv)).ToList();

        Assert.Equal([$"{name}:{string.Join(',', a)}", $"{name}:{string.Join(',', b)}"], records.Select(r => r.Encoding));
        Assert.Equal([space.Cost(a).Macs, space.Cost(b).Macs], records.Select(r => r.Macs));
        Assert.Equal([space.Cost(a).Params, space.Cost(b).Params], records.Select(r => r.Params));
        Assert.Equal([0.81, 0.79], records.Select(r => r.Metrics["accuracy"]));
    }

    [Fact]
    public void A_point_of_the_wrong_length_is_a_data_error_with_its_line()
    {
        var csv = "candidate,accuracy\n\"mbv3-28:1,2\",0.5\n";

        var e = Assert.Throws<ArchitectureDataException>(() => ((CsvArchitectureImporter)ImporterRegistry.Default.Get("mbv3-28")).Import(new StringReader(csv)).ToList());

        Assert.Contains("bad mbv3-28 architecture", e.Message, StringComparison.Ordinal);
    }
}
