using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using Npgsql;

namespace NasPipeline.Tests.Security;

/// <summary>
/// `nasp db migrate` against the real PostgreSQL: each stage role reads every table, writes only its own, and may not
/// change the schema in any way; the dashboard's role only reads.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class StageRoleRightsTests(PipelineFixture fixture)
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task After_db_migrate_no_stage_role_may_create_alter_drop_truncate_or_delete()
    {
        await using var roles = await TestRoles.CreateAsync(fixture.DataSource);
        var migrate = await NaspCli.RunAsync(fixture.Environment, "db", "migrate", "--role-prefix", roles.Prefix);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Contains($"{roles.Name("predict")} (predict): reads every table, writes 8:", migrate.Output);

        var s = $"\"{fixture.Schema}\"";
        foreach (var suffix in TestRoles.Suffixes)
        {
            await using var connection = await OpenAsync(roles.ConnectionString(suffix));
            Assert.True(await ScalarAsync<long>(connection, $"SELECT count(*) FROM {s}.mt_events") >= 0);
            foreach (var ddl in new[]
                     {
                         $"CREATE TABLE {s}.intruder (i int)", $"CREATE SCHEMA intruder_{suffix}", $"ALTER TABLE {s}.blobs ADD COLUMN x int",
                         $"DROP TABLE {s}.mt_events", $"TRUNCATE {s}.blobs", $"DELETE FROM {s}.mt_streams", $"CREATE INDEX ON {s}.blobs (media_type)",
                         $"CREATE FUNCTION {s}.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                     })
            {
                Assert.Equal(InsufficientPrivilege, await SqlStateAsync(connection, ddl));
            }
        }
    }

    [Fact]
    public async Task A_stage_role_writes_shared_tables_and_its_own_documents_only_and_the_dashboard_writes_nothing()
    {
        await using var roles = await TestRoles.CreateAsync(fixture.DataSource);
        var migrate = await NaspCli.RunAsync(fixture.Environment, "db", "migrate", "--role-prefix", roles.Prefix);
        Assert.True(migrate.ExitCode == 0, migrate.Output);

        var s = $"\"{fixture.Schema}\"";
        var blob = $"INSERT INTO {s}.blobs (hash, media_type, size_bytes, content) VALUES (md5(random()::text), 'x', 0, '')";
        var supernet = $"INSERT INTO {s}.mt_doc_storedsupernet (id, data) VALUES ('t' || random(), '{{}}')";
        var latency = $"INSERT INTO {s}.mt_doc_storedlatency (id, data) VALUES ('t' || random(), '{{}}')";
        var expected = new Dictionary<string, (string? Blob, string? Supernet, string? Latency)>
        {
            ["graph_extract"] = (null, InsufficientPrivilege, InsufficientPrivilege),
            ["pseudo_label"] = (null, null, InsufficientPrivilege),
            ["predict"] = (null, InsufficientPrivilege, null),
            ["search"] = (null, InsufficientPrivilege, InsufficientPrivilege),
            ["adapt"] = (null, null, InsufficientPrivilege),
            ["dashboard"] = (InsufficientPrivilege, InsufficientPrivilege, InsufficientPrivilege),
        };
        foreach (var (suffix, want) in expected)
        {
            await using var connection = await OpenAsync(roles.ConnectionString(suffix));
            Assert.Equal((suffix, want), (suffix, (await SqlStateAsync(connection, blob), await SqlStateAsync(connection, supernet), await SqlStateAsync(connection, latency))));
        }
    }

    [Fact]
    public async Task The_stage_roles_of_servers_sh_log_in_with_their_own_passwords_and_hold_no_attribute()
    {
        foreach (var suffix in TestRoles.Suffixes)
        {
            var variable = $"NASP_POSTGRES_{suffix.ToUpperInvariant()}";
            var connectionString = Environment.GetEnvironmentVariable(variable)
                ?? throw new InvalidOperationException($"{variable} is not set: run the suite with ./scripts/test.sh (it evaluates ./scripts/servers.sh env).");
            await using var connection = await OpenAsync(connectionString);
            Assert.Equal($"nasp_{suffix}", await ScalarAsync<string>(connection, "SELECT current_user"));
            Assert.Equal("f f f f", await ScalarAsync<string>(connection,
                "SELECT concat_ws(' ', rolsuper, rolcreatedb, rolcreaterole, has_database_privilege(current_database(), 'CREATE')) FROM pg_roles WHERE rolname = current_user"));
            Assert.NotEqual(new NpgsqlConnectionStringBuilder(TestServers.Postgres).Password, new NpgsqlConnectionStringBuilder(connectionString).Password);
        }
    }

    [Fact]
    public async Task The_compose_init_script_makes_each_stage_role_with_the_password_it_is_given_and_can_run_again()
    {
        await using var roles = TestRoles.Named(fixture.DataSource);
        var admin = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = admin.Host!, ["PGPORT"] = admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PGPASSWORD"] = admin.Password!,
            ["POSTGRES_USER"] = admin.Username!, ["POSTGRES_DB"] = admin.Database!, ["NASP_ROLE_PREFIX"] = roles.Prefix,
            ["PATH"] = $"{PostgresBinaries()}:{Environment.GetEnvironmentVariable("PATH")}",
        };
        foreach (var suffix in TestRoles.Suffixes)
        {
            environment[$"NASP_PG_PASSWORD_{suffix.ToUpperInvariant()}"] = roles.Password;
        }

        for (var run = 0; run < 2; run++)
        {
            var (code, output) = await ShellAsync(Path.Combine(RepoPaths.Root, "compose", "postgres-roles.sh"), environment);
            Assert.True(code == 0, output);
        }

        foreach (var suffix in TestRoles.Suffixes)
        {
            await using var connection = await OpenAsync(roles.ConnectionString(suffix));
            Assert.Equal("f f f", await ScalarAsync<string>(connection,
                "SELECT concat_ws(' ', rolsuper, rolcreatedb, rolcreaterole) FROM pg_roles WHERE rolname = current_user"));
        }
    }

    private static string PostgresBinaries() =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "psql")))
            .OrderBy(d => d, StringComparer.Ordinal).Last();

    private static async Task<(int Code, string Output)> ShellAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var info = new System.Diagnostics.ProcessStartInfo("sh", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a statement in a transaction it rolls back: null when it succeeded, else the SQLSTATE that refused it.</summary>
    private static async Task<string?> SqlStateAsync(NpgsqlConnection connection, string sql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }
}
