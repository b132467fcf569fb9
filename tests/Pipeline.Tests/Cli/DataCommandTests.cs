namespace NasPipeline.Tests.Cli;

public sealed class DataCommandTests
{
    private static readonly Dictionary<string, string> NoServers = new();

    [Fact]
    public async Task Data_import_writes_one_json_line_per_architecture()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-data-").FullName;
        var csv = Path.Combine(folder, "macro.csv");
        var jsonl = Path.Combine(folder, "macro.jsonl");
        await File.WriteAllTextAsync(csv, "arch,mean_acc\n00000000,80.5\n22222222,93.1\n");
        try
        {
            var result = await NaspCli.RunAsync(NoServers, "data", "import", "nas-bench-macro", csv, "--out", jsonl);

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("wrote 2 architectures", result.Output, StringComparison.Ordinal);
            var lines = await File.ReadAllLinesAsync(jsonl);
            Assert.Equal(2, lines.Length);
            Assert.All(lines, l => Assert.Contains("\"macs\":", l, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Predictor_eval_reports_srcc_kendall_and_mae_as_json()
    {
        var folder = Directory.CreateTempSubdirectory("nasp-pred-").FullName;
        var csv = Path.Combine(folder, "macro.csv");
        var jsonl = Path.Combine(folder, "macro.jsonl");
        // Accuracy additive in the genes: a ridge on one-hot encodings should rank the held-out ones almost perfectly.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 80).Select(_ => string.Concat(Enumerable.Range(0, 8).Select(_ => random.Next(3)))).Distinct()
            .Select(a => $"{a},{80 + a.Select((c, i) => (c - '0') * (i % 3 + 1)).Sum()}");
        await File.WriteAllTextAsync(csv, "arch,mean_acc\n" + string.Join("\n", rows) + "\n");
        try
        {
            Assert.Equal(0, (await NaspCli.RunAsync(NoServers, "data", "import", "nas-bench-macro", csv, "--out", jsonl)).ExitCode);

            var result = await NaspCli.RunAsync(NoServers, "predictor", "eval", "--data", jsonl, "--task", "mean_acc",
                "--model", "ridge", "--train-size", "40", "--seeds", "3", "--json");

            Assert.True(result.ExitCode == 0, result.Output);
            using var json = NaspCli.LastJson(result.Output);
            Assert.True(json.RootElement.GetProperty("srcc").GetDouble() > 0.95);
            Assert.True(json.RootElement.GetProperty("kendall").GetDouble() > 0.8);
            Assert.True(json.RootElement.GetProperty("mae").GetDouble() < 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Unknown_format_is_a_usage_error_listing_the_known_ones()
    {
        var csv = Path.GetTempFileName();
        try
        {
            var result = await NaspCli.RunAsync(NoServers, "data", "import", "nb999", csv, "--out", csv + ".jsonl");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("nb101", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
