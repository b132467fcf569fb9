using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Predict;
using Npgsql;

namespace NasPipeline.Tests.Security;

/// <summary>Stages as separate processes, each connected as its own role without DDL rights, run a submission to the end.</summary>
[Collection(PipelineCollection.Name)]
public sealed class StageRoleRunTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_run_completes_with_every_stage_connected_as_its_own_role_that_may_not_change_the_schema()
    {
        var task = $"roles-{Guid.NewGuid():N}"[..20];
        await new PredictTestKit(fixture).RegisterGnnAsync(task);
        await using var roles = await TestRoles.CreateAsync(fixture.DataSource);
        var migrate = await NaspCli.RunAsync(fixture.Environment, "db", "migrate", "--role-prefix", roles.Prefix);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        foreach (var queue in new[] { "nasp-graph-extract", "nasp-search", "nasp-predict" })
        {
            await StageQueues.PurgeAsync(queue);
        }

        Dictionary<string, string> AsRole(string suffix) => new(fixture.Environment)
        {
            ["ConnectionStrings__Postgres"] = roles.ConnectionString(suffix),
            ["Pipeline__ApplySchema"] = "false",
        };
        await using var extract = await StageProcess.StartAsync("Stages.GraphExtract", AsRole("graph_extract"));
        await using var search = await StageProcess.StartAsync("Stages.Search", AsRole("search"));
        await using var predict = await StageProcess.StartAsync("Stages.Predict", AsRole("predict"));

        var submit = await NaspCli.RunAsync(fixture.Environment, "submit", TinyOnnx.TwoConvsFile(11), "--input", TinyOnnx.Input,
            "--tasks", task, "--seed", "5", "--population", "6", "--generations", "2", "--wait", "--timeout", "150");
        Assert.True(submit.ExitCode == 0, $"{submit.Output}\n--- search\n{search.Output}\n--- predict\n{predict.Output}\n--- extract\n{extract.Output}");
        Assert.Matches(@"(?m)^status\s+completed", submit.Output);

        // The stages are still connected: each under its own role name, none as the owner.
        await using var command = fixture.DataSource.CreateCommand(
            "SELECT coalesce(array_agg(DISTINCT usename::text ORDER BY usename::text), '{}') FROM pg_stat_activity WHERE usename LIKE $1");
        command.Parameters.Add(new NpgsqlParameter { Value = roles.Prefix + "%" });
        Assert.Equal(new[] { roles.Name("graph_extract"), roles.Name("predict"), roles.Name("search") }, (string[])(await command.ExecuteScalarAsync())!);
        foreach (var stage in new[] { extract, search, predict })
        {
            Assert.DoesNotContain("42501", stage.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_stage_that_may_not_migrate_stops_on_a_schema_not_migrated_with_the_remedy()
    {
        var schema = $"nasp_unmigrated_{Guid.NewGuid():N}"[..28];
        var environment = new Dictionary<string, string>(fixture.Environment) { ["Pipeline__Schema"] = schema, ["Pipeline__ApplySchema"] = "false" };
        await using var stage = ChildProcess.StartDll(RepoPaths.StageDll("Stages.Search"), environment);
        Assert.Equal(2, await stage.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"error: The schema '{schema}' lacks", stage.Output, StringComparison.Ordinal);
        Assert.Contains("run `nasp db migrate`", stage.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stage.Output, StringComparison.Ordinal);

        await using var check = fixture.DataSource.CreateCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1");
        check.Parameters.Add(new NpgsqlParameter { Value = schema });
        Assert.Equal(0L, (long)(await check.ExecuteScalarAsync())!);
    }
}
