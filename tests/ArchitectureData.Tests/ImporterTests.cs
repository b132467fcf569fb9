using NasPipeline.ArchitectureData.Importing;

namespace NasPipeline.ArchitectureData.Tests;

public sealed class ImporterTests
{
    [Fact]
    public void Registry_knows_every_format()
    {
        Assert.Equal(
            ["mbv3-28", "nas-bench-macro", "nasvit-hybrid", "nb101", "nb201", "nb301", "onnx-folder", "transnas-macro", "transnas-micro"],
            ImporterRegistry.Default.Formats.Order(StringComparer.Ordinal));
        var e = Assert.Throws<ArchitectureDataException>(() => ImporterRegistry.Default.Get("nb999"));
        Assert.Contains("nb101", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nb301_csv_with_quoted_genotypes_gives_records_with_metrics()
    {
        const string csv = "arch_genotype,val_accuracy,params\n" +
            "\"[[(0, 3), (1, 3), (0, 3), (1, 3), (0, 3), (1, 3), (0, 3), (1, 3)], [(0, 2), (1, 0), (2, 1), (0, 2), (3, 4), (1, 5), (4, 6), (0, 0)]]\",93.5,0.9\n";

        var record = Assert.Single(new Nb301Importer().Import(new StringReader(csv)));

        Assert.Equal("nb301", record.Source);
        Assert.Equal(93.5, record.Metrics["val_accuracy"]);
        Assert.Equal(0.9, record.Metrics["params"]);
        Assert.Equal(record.Graph.TotalMacs, record.Macs);
        Assert.StartsWith("[[(0, 3)", record.Encoding, StringComparison.Ordinal);
    }

    [Fact]
    public void Selected_metric_columns_keep_only_those_and_require_numbers()
    {
        const string csv = "arch,acc,params,fisher\n00000000,45.3,387882,0.1\n11111111,,1,2\n";
        var importer = new NasBenchMacroImporter { MetricColumns = ["acc"] };

        var e = Assert.Throws<ArchitectureDataException>(() => importer.Import(new StringReader(csv)).ToList());
        var first = importer.Import(new StringReader(csv)).First();

        Assert.Equal(new Dictionary<string, double> { ["acc"] = 45.3 }, first.Metrics);
        Assert.Equal(3, e.Line);
        Assert.Contains("'acc'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_architecture_names_its_csv_line()
    {
        const string csv = "arch,acc\n00000000,1\n\"0000000\",2\n";

        var e = Assert.Throws<ArchitectureDataException>(() => new NasBenchMacroImporter().Import(new StringReader(csv)).ToList());

        Assert.Equal(3, e.Line);
        Assert.Contains("nas-bench-macro", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nb101_and_nb201_and_transnas_rows_import()
    {
        const string nb101 = "arch_encoding,val_accuracy\n\"(0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 4, 1)\",90\n";
        const string nb201 = "arch,acc\n|skip_connect~0|+|none~0|nor_conv_1x1~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|,70\n";
        const string micro = "arch,segment\n64-41414-1_02_333,25.5\n";

        Assert.Equal(90, Assert.Single(new Nb101Importer().Import(new StringReader(nb101))).Metrics["val_accuracy"]);
        Assert.Equal("nb201", Assert.Single(new Nb201Importer().Import(new StringReader(nb201))).Source);
        Assert.Equal("64-41414-1_02_333", Assert.Single(new TransNasImporter(micro: true).Import(new StringReader(micro))).Encoding);
        Assert.Throws<ArchitectureDataException>(() => new TransNasImporter(micro: false).Import(new StringReader(micro)).ToList());
    }

    [Fact]
    public void Onnx_folder_takes_metrics_from_the_side_csv()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-onnx-").FullName;
        try
        {
            File.Copy(Fixture("small_cnn_28.onnx"), Path.Combine(folder, "b.onnx"));
            File.Copy(Fixture("small_cnn_28.onnx"), Path.Combine(folder, "a.onnx"));
            File.WriteAllText(Path.Combine(folder, "metrics.csv"), "file,top1,note\nb.onnx,71.5,\"x, y\"\n");

            var records = new OnnxFolderImporter().Import(folder).ToList();

            Assert.Equal(["a", "b"], records.Select(r => r.Id));
            Assert.Empty(records[0].Metrics);
            Assert.Equal(new Dictionary<string, double> { ["top1"] = 71.5 }, records[1].Metrics);
            Assert.True(records[1].Macs > 0);
            Assert.Equal("b.onnx", records[1].Encoding);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Onnx_metrics_for_a_missing_model_name_the_line()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-onnx-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "metrics.csv"), "file,top1\nghost,1\n");

            var e = Assert.Throws<ArchitectureDataException>(() => new OnnxFolderImporter().Import(folder).ToList());

            Assert.Equal(2, e.Line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "onnx", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"tests/fixtures/onnx/{name} not found above {AppContext.BaseDirectory}.");
    }
}
