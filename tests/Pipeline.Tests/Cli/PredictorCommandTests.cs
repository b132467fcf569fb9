namespace NasPipeline.Tests.Cli;

/// <summary>`nasp predictor eval` with the GNN models on a tiny imported dataset: results as JSON, bad options as usage errors.</summary>
public sealed class PredictorCommandTests
{
    private static readonly Dictionary<string, string> NoServers = new() { ["OMP_WAIT_POLICY"] = "PASSIVE" };

    [Fact]
    public async Task Gnn_adapter_pretrains_on_one_metric_and_reports_the_other_as_json()
    {
        await WithDataset(async jsonl =>
        {
            var result = await NaspCli.RunAsync(NoServers, "predictor", "eval", "--data", jsonl, "--task", "mean_acc",
                "--model", "gnn-adapter", "--pretrain-task", "flops", "--pretrain-epochs", "2", "--epochs", "2", "--adapters", "1",
                "--train-size", "10", "--seeds", "2", "--json");

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("pretraining on", result.Output, StringComparison.Ordinal);
            using var json = NaspCli.LastJson(result.Output);
            Assert.Equal("flops", json.RootElement.GetProperty("pretrain_task").GetString());
            var srcc = json.RootElement.GetProperty("srcc").GetDouble();
            Assert.InRange(srcc, -1, 1);
            Assert.True(json.RootElement.GetProperty("mae").GetDouble() >= 0);
        });
    }

    [Theory]
    [InlineData("Name its task with --pretrain-task", "--model", "gnn-adapter")]
    [InlineData("go with --model gnn-adapter", "--model", "gnn", "--pretrain-task", "flops")]
    [InlineData("Unknown label transform 'log'", "--model", "gnn", "--label-transform", "log")]
    [InlineData("--lr must be a positive number", "--model", "gnn", "--lr", "fast")]
    [InlineData("needs at least one labelled architecture", "--model", "gnn", "--train-size", "0")]
    [InlineData("has a 'nope' metric", "--model", "gnn-adapter", "--pretrain-task", "nope")]
    public async Task Bad_gnn_options_are_usage_errors_without_a_stack_trace(string message, params string[] options)
    {
        await WithDataset(async jsonl =>
        {
            string[] common = ["predictor", "eval", "--data", jsonl, "--task", "mean_acc", "--epochs", "1", "--seeds", "1"];
            var result = await NaspCli.RunAsync(NoServers, [.. common, .. options]);

            Assert.True(result.ExitCode == 2, result.Output);
            Assert.Contains(message, result.Output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        });
    }

    private static async Task WithDataset(Func<string, Task> test)
    {
        var folder = Directory.CreateTempSubdirectory("nasp-gnn-").FullName;
        var csv = Path.Combine(folder, "macro.csv");
        var jsonl = Path.Combine(folder, "macro.jsonl");
        var random = new Random(7);
        var rows = Enumerable.Range(0, 40).Select(_ => string.Concat(Enumerable.Range(0, 8).Select(_ => random.Next(3)))).Distinct()
            .Select(a => $"{a},{80 + a.Sum(c => c - '0')},{a.Count(c => c == '2') * 1e6}");
        await File.WriteAllTextAsync(csv, "arch,mean_acc,flops\n" + string.Join("\n", rows) + "\n");
        try
        {
            Assert.Equal(0, (await NaspCli.RunAsync(NoServers, "data", "import", "nas-bench-macro", csv, "--out", jsonl)).ExitCode);
            await test(jsonl);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
