using Npgsql;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Cli;

/// <summary>
/// Many CLI calls at once, as scripts make them. Each CLI start used to apply the schema under Marten's global lock,
/// and 25 of 30 parallel submits died with "Unable to attain the global lock in time"; now only stages apply it. Thirty
/// calls reproduced that failure; fifty (140 s of the suite on 2 cores) tested nothing more.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ParallelCliTests(PipelineFixture fixture)
{
    private const int Calls = 30;

    [Fact]
    public async Task Thirty_parallel_submits_and_thirty_parallel_runs_all_succeed()
    {
        try
        {
            // Thirty processes starting at once on two cores each get a sliver of a core: the broker's 15 s default is a
            // user's patience, not what this test is about (the schema lock).
            var submits = await RunAllAsync(_ =>
                ["submit", RepoPaths.Fixture("small_cnn_28.onnx"), "--input", "1x1x28x28", "--tasks", "classification", "--connect-timeout", "600"]);
            AssertAllSucceeded(submits);
            // The run id is stdout's first line; a stderr note ("waiting for RabbitMQ") may come before it in the merged output.
            var ids = submits.Select(s => s.Output.Split('\n').Select(l => Guid.TryParse(l.Trim(), out var id) ? id : (Guid?)null).Single(id => id is not null)).ToHashSet();
            Assert.Equal(Calls, ids.Count);

            var runs = await RunAllAsync(_ => ["runs", "--limit", "5"]);
            AssertAllSucceeded(runs);
            // The submissions have no stream until a stage takes them; what matters is that each call read the run list.
            Assert.All(runs, r => Assert.Matches("^(run |No runs yet)", r.Output));
        }
        finally
        {
            // The submissions went to the broker; no stage of this test consumes them, and a later test's GraphExtract must not.
            await StageQueues.PurgeAsync("nasp-graph-extract");
        }
    }

    [Fact]
    public async Task A_cli_call_on_a_database_no_stage_has_set_up_creates_the_schema()
    {
        var schema = $"nasp_fresh_{Guid.NewGuid():N}"[..24];
        var env = new Dictionary<string, string>(fixture.Environment) { ["Pipeline__Schema"] = schema };
        try
        {
            var first = await NaspCli.RunAsync(env, "runs");
            var second = await NaspCli.RunAsync(env, "runs");

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("No runs yet", second.Output, StringComparison.Ordinal);
            Assert.True(await TableCountAsync(schema) >= 5, "the event store's tables were not created");
        }
        finally
        {
            await using var drop = fixture.DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private async Task<CliResult[]> RunAllAsync(Func<int, string[]> args) =>
        await Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
        {
            // Started together, but each in its own OS process as a script would start them.
            await using var process = ChildProcess.StartDll(RepoPaths.CliDll, fixture.Environment, args(i));
            return new CliResult(await process.WaitForExitAsync(TimeSpan.FromMinutes(15)), process.Output);
        }));

    private static void AssertAllSucceeded(CliResult[] results)
    {
        var failed = results.Where(r => r.ExitCode != 0).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {results.Length} failed; the first:\n{failed.FirstOrDefault()?.Output}");
    }

    private async Task<long> TableCountAsync(string schema)
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
