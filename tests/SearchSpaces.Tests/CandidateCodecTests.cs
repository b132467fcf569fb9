namespace NasPipeline.SearchSpaces.Tests;

/// <summary>The one spelling of a point, <c>space:g1,g2,...</c>, and the pieces callers read on their own.</summary>
public sealed class CandidateCodecTests
{
    [Fact]
    public void Encode_then_decode_gives_back_the_space_and_genes()
    {
        var candidate = CandidateCodec.Encode("mbv3-28", [1, 0, -2, 13]);

        Assert.Equal("mbv3-28:1,0,-2,13", candidate);
        Assert.True(CandidateCodec.TryDecode(candidate, out var space, out var genes));
        Assert.Equal("mbv3-28", space);
        Assert.Equal([1, 0, -2, 13], genes);
    }

    [Fact]
    public void Spaces_around_genes_are_allowed()
    {
        Assert.True(CandidateCodec.TryDecode("s: 1 , 2", out _, out var genes));
        Assert.Equal([1, 2], genes);
    }

    [Theory]
    [InlineData("1,0,2")]
    [InlineData(":1,0,2")]
    [InlineData("")]
    public void Without_a_space_name_there_is_no_candidate_and_no_gene_to_blame(string text)
    {
        Assert.False(CandidateCodec.TryDecode(text, out var space, out var genes, out var invalid));
        Assert.Equal("", space);
        Assert.Empty(genes);
        Assert.Null(invalid);
    }

    [Theory]
    [InlineData("s:1,x,2", "x")]
    [InlineData("s:1, 2.5 ", "2.5")]
    [InlineData("s:", "")]
    public void The_first_gene_that_is_not_a_whole_number_is_named(string text, string expected)
    {
        Assert.False(CandidateCodec.TryDecode(text, out var space, out var genes, out var invalid));
        Assert.Equal("s", space);
        Assert.Empty(genes);
        Assert.Equal(expected, invalid);
    }

    [Fact]
    public void Split_keeps_everything_after_the_first_colon_unparsed()
    {
        Assert.True(CandidateCodec.TrySplit("mbv3-28:smallest:x", out var space, out var rest));
        Assert.Equal("mbv3-28", space);
        Assert.Equal("smallest:x", rest);
        Assert.False(CandidateCodec.TrySplit("no-colon", out _, out _));
    }

    [Fact]
    public void Genes_throws_a_format_error_naming_the_text()
    {
        var error = Assert.Throws<FormatException>(() => CandidateCodec.Genes("s:a"));

        Assert.Equal("'s:a' is not a space:g1,g2,... candidate.", error.Message);
        Assert.Equal("3,0", CandidateCodec.FormatGenes([3, 0]));
        Assert.False(CandidateCodec.TryParseGenes("1,,2", out _, out var empty));
        Assert.Equal("", empty);
    }
}
