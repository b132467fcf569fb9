using NasPipeline.SearchSpaces.Encoding;
using NasPipeline.SearchSpaces.MobileNetV3;
using NasPipeline.SearchSpaces.NasVit;

namespace NasPipeline.SearchSpaces.Tests;

public sealed class EncodingTests
{
    [Fact]
    public void Mbv3_decode_then_encode_returns_the_point()
    {
        var space = new MobileNetV3Space();
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var point = space.Sample(random);
            Assert.Equal(point, space.Encode(space.Decode(point)));
        }
    }

    [Fact]
    public void Hybrid_decode_then_encode_returns_the_point()
    {
        var space = new NasVitHybridSpace();
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var point = space.Sample(random);
            Assert.Equal(point, space.Encode(space.Decode(point)));
        }
    }

    [Theory]
    [MemberData(nameof(Spaces.Names), MemberType = typeof(Spaces))]
    public void Repair_is_idempotent_and_moves_skips_to_the_stage_end(string name)
    {
        var space = Spaces.Get(name);
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            // Raw vectors, out of range on purpose, as a mutation operator might produce.
            var raw = space.Genes.Select(g => random.Next(-1, g.Choices + 1)).ToArray();
            var repaired = space.Repair(raw);
            Assert.Equal(repaired, space.Repair(repaired));
            Assert.All(repaired.Select((v, j) => (v, g: space.Genes[j])), p => Assert.InRange(p.v, 0, p.g.Choices - 1));
            AssertSkipsTrail(space, repaired);
        }
    }

    [Fact]
    public void Repair_keeps_the_order_of_kept_layers()
    {
        var space = new MobileNetV3Space();
        var point = space.Smallest.ToArray();
        var stage4 = FirstGene(space, "stage4.layer3");
        point[stage4] = 5;
        var stage5 = FirstGene(space, "stage5.layer3");
        point[stage5] = 9;

        var repaired = space.Repair(point);

        Assert.Equal(5, repaired[stage4]);
        Assert.Equal(9, repaired[stage5]);
        Assert.Equal(3, space.Decode(repaired).Stages[3].Count);
    }

    [Fact]
    public void Min_depth_is_honoured_by_every_point()
    {
        var space = new MobileNetV3Space();
        var random = new Random(3);
        for (var i = 0; i < 300; i++)
        {
            var stages = space.Decode(space.Sample(random)).Stages;
            for (var s = 0; s < stages.Count; s++)
            {
                Assert.InRange(stages[s].Count, MobileNetV3Space.Stages[s].MinDepth, MobileNetV3Space.Stages[s].MaxDepth);
            }
        }

        var hybrid = new NasVitHybridSpace();
        var smallest = hybrid.Decode(hybrid.Smallest);
        Assert.All(smallest.ConvStages, s => Assert.Single(s));
        Assert.All(smallest.TransformerStages, s => Assert.Single(s.Blocks));
    }

    [Theory]
    [MemberData(nameof(Spaces.Names), MemberType = typeof(Spaces))]
    public void Wrong_length_is_a_typed_error(string name)
    {
        var space = Spaces.Get(name);
        var error = Assert.Throws<InvalidEncodingException>(() => space.Cost([.. space.Smallest, 0]));
        Assert.StartsWith($"{space.Name} has {space.Genes.Count} genes, got {space.Genes.Count + 1}.", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Theory]
    [MemberData(nameof(Spaces.Names), MemberType = typeof(Spaces))]
    public void Gene_out_of_range_names_the_gene(string name)
    {
        var space = Spaces.Get(name);
        var point = space.Largest.ToArray();
        point[^1] = space.Genes[^1].Choices;

        var error = Assert.Throws<InvalidEncodingException>(() => space.ToOnnx(point));

        Assert.Equal(space.Genes[^1].Name, error.Gene);
        Assert.Contains(space.Genes[^1].Name, error.Message, StringComparison.Ordinal);
    }

    private static int FirstGene(ISearchSpace space, string name) => space.Genes.Select((g, i) => (g, i)).Single(p => p.g.Name == name).i;

    private static void AssertSkipsTrail(ISearchSpace space, IReadOnlyList<int> point)
    {
        // Within a run of skippable genes of one stage (same name prefix), no kept layer follows a skip.
        for (var i = 1; i < point.Count; i++)
        {
            var previous = space.Genes[i - 1];
            var current = space.Genes[i];
            if (previous.ZeroIsSkip && current.ZeroIsSkip && Prefix(previous) == Prefix(current) && point[i - 1] == 0)
            {
                Assert.Equal(0, point[i]);
            }
        }
    }

    private static string Prefix(Gene gene) => gene.Name[..gene.Name.IndexOf('.', StringComparison.Ordinal)];
}
