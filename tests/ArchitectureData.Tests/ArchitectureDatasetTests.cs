using NasPipeline.ArchitectureData.Spaces.NasBenchMacro;

namespace NasPipeline.ArchitectureData.Tests;

public sealed class ArchitectureDatasetTests
{
    [Fact]
    public void Records_round_trip_through_json_lines()
    {
        var graph = MacroNetwork.Build(MacroNetwork.Parse("01200120"));
        ArchitectureRecord[] records =
        [
            ArchitectureRecord.FromGraph("a", graph, new Dictionary<string, double> { ["cifar10"] = 93.25, ["latency_ms"] = 1.5e-3 }, "nas-bench-macro", "01200120"),
            ArchitectureRecord.FromGraph("b \"quoted\"", graph, new Dictionary<string, double>(), "x", "line\nbreak"),
        ];
        var writer = new StringWriter();

        Assert.Equal(2, ArchitectureDataset.Write(writer, records));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var back = ArchitectureDataset.Read(new StringReader(writer.ToString())).ToList();

        Assert.Equal(2, lines.Length);
        Assert.Equal(records[0].Metrics, back[0].Metrics);
        Assert.Equal(graph.TotalMacs, back[0].Macs);
        Assert.Equal(graph.TotalParams, back[0].Params);
        Assert.Equal(graph.Nodes.Count, back[0].Graph.Nodes.Count);
        Assert.Equal(graph.Edges, back[0].Graph.Edges);
        Assert.Equal(records[1].Id, back[1].Id);
        Assert.Equal("line\nbreak", back[1].Encoding);
    }

    [Fact]
    public void A_gz_file_is_written_compressed_and_read_back_equal_to_the_plain_file()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-dataset-").FullName;
        try
        {
            var records = new[] { "01200120", "22222222", "10101010", "00000000" }
                .Select((arch, i) => ArchitectureRecord.FromGraph($"m{i}", MacroNetwork.Build(MacroNetwork.Parse(arch)), new Dictionary<string, double> { ["acc"] = 90 + i }, "nas-bench-macro", arch))
                .ToList();
            var (plain, compact, misnamed) = (Path.Combine(folder, "d.jsonl"), Path.Combine(folder, "d.jsonl.gz"), Path.Combine(folder, "gzip-without-suffix.jsonl"));

            Assert.Equal(4, ArchitectureDataset.Write(plain, records));
            Assert.Equal(4, ArchitectureDataset.Write(compact, records));
            File.Copy(compact, misnamed);

            Assert.Equal([0x1f, 0x8b], File.ReadAllBytes(compact)[..2]);
            Assert.True(new FileInfo(compact).Length * 5 < new FileInfo(plain).Length, $"{new FileInfo(compact).Length} of {new FileInfo(plain).Length} bytes");
            var expected = ArchitectureDataset.Read(plain).Select(Summary).ToList();
            Assert.Equal(records.Select(Summary), expected);
            Assert.Equal(expected, ArchitectureDataset.Read(compact).Select(Summary));
            Assert.Equal(expected, ArchitectureDataset.Read(misnamed).Select(Summary));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static string Summary(ArchitectureRecord r) =>
            $"{r.Id} {r.Macs} {r.Params} {r.Graph.Nodes.Count} {r.Graph.Edges.Count} {string.Join(',', r.Metrics.Select(m => $"{m.Key}={m.Value:R}"))} {r.Encoding}";
    }

    [Fact]
    public void Reading_is_lazy_and_skips_blank_lines()
    {
        var line = Line("a");
        var records = ArchitectureDataset.Read(new StringReader($"{line}\n\n{line}\nnot json"));

        Assert.Equal(2, records.Take(2).Count());
    }

    [Fact]
    public void Invalid_json_names_its_line()
    {
        var e = Assert.Throws<ArchitectureDataException>(() => ArchitectureDataset.Read(new StringReader($"{Line("a")}\n\n{{\"id\": ")).ToList());

        Assert.Equal(3, e.Line);
        Assert.StartsWith("Line 3: invalid JSON", e.Message);
    }

    [Theory]
    [InlineData("\"id\"", "missing 'id'")]
    [InlineData("\"macs\":", "'macs' is String")]
    [InlineData("\"metrics\":{", "metric 'cifar10' is String")]
    public void Missing_or_mistyped_fields_name_the_field_and_line(string field, string expected)
    {
        var bad = field switch
        {
            "\"id\"" => Line("a").Replace("\"id\":\"a\",", string.Empty, StringComparison.Ordinal),
            "\"macs\":" => Line("a").Replace("\"macs\":", "\"macs\":\"1\",\"was\":", StringComparison.Ordinal),
            _ => Line("a").Replace("\"metrics\":{", "\"metrics\":{\"cifar10\":\"high\",", StringComparison.Ordinal),
        };

        var e = Assert.Throws<ArchitectureDataException>(() => ArchitectureDataset.Read(new StringReader($"{Line("ok")}\n{bad}")).ToList());

        Assert.Equal(2, e.Line);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static string Line(string id)
    {
        var writer = new StringWriter();
        var graph = MacroNetwork.Build(MacroNetwork.Parse("00000000"));
        ArchitectureDataset.Write(writer, [ArchitectureRecord.FromGraph(id, graph, new Dictionary<string, double> { ["acc"] = 1 }, "s", "00000000")]);
        return writer.ToString().TrimEnd('\n');
    }
}
