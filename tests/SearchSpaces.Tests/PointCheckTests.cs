using NasPipeline.SearchSpaces.Encoding;
using NasPipeline.SearchSpaces.MobileNetV3;

namespace NasPipeline.SearchSpaces.Tests;

/// <summary>A point someone wrote is checked strictly; only the search's own operators get clamped.</summary>
public sealed class PointCheckTests
{
    private static readonly MobileNetV3Space Space = new();

    [Fact]
    public void Gene_99_is_refused_naming_the_gene_its_value_and_range_instead_of_running_as_the_largest_choice()
    {
        var point = Space.Smallest.ToArray();
        point[0] = 99;

        var problems = PointCheck.Problems(Space, point);

        Assert.Equal(["mbv3-28: gene 0 'resolution' is 99, outside its range 0..2."], problems);
        var error = Assert.Throws<InvalidEncodingException>(() => PointCheck.Canonical(Space, point));
        Assert.Equal("resolution", error.Gene);
    }

    [Fact]
    public void Every_gene_out_of_range_is_named()
    {
        var point = Space.Smallest.ToArray();
        point[1] = -1;
        point[2] = 9;

        var problems = PointCheck.Problems(Space, point);

        Assert.Equal(
        [
            "mbv3-28: gene 1 'width' is -1, outside its range 0..2.",
            "mbv3-28: gene 2 'stage1.layer1' is 9, outside its range 0..8.",
        ], problems);
    }

    [Fact]
    public void A_wrong_gene_count_says_how_many_the_space_has()
    {
        Assert.Equal(["mbv3-28 has 14 genes, got 12."], PointCheck.Problems(Space, Space.Smallest.Take(12).ToArray()));
    }

    [Fact]
    public void A_valid_point_has_no_problem_and_comes_back_canonical()
    {
        var point = Space.Largest.ToArray();
        var stage4 = Space.Genes.Select((g, i) => (g, i)).Single(p => p.g.Name == "stage4.layer3").i;
        point[stage4] = 0;

        Assert.Empty(PointCheck.Problems(Space, point));
        Assert.Equal(Space.Repair(point), PointCheck.Canonical(Space, point));
    }
}
