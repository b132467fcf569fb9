using NasPipeline.Hosting.Database;
using Npgsql;

namespace NasPipeline.Tests.Infrastructure;

/// <summary>
/// Stage roles under a prefix of their own (roles are the cluster's, and the demo's nasp_* must keep their passwords),
/// created as the scripts create theirs: LOGIN with a password and no other attribute. Dropped with their grants.
/// </summary>
public sealed class TestRoles : IAsyncDisposable
{
    public static readonly string[] Suffixes = ["graph_extract", "pseudo_label", "predict", "search", "adapt", DatabaseRoles.DashboardSuffix];

    private readonly NpgsqlDataSource _admin;
    private readonly string _password = Guid.NewGuid().ToString("N");

    private TestRoles(NpgsqlDataSource admin, string prefix)
    {
        _admin = admin;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public IEnumerable<string> Names => Suffixes.Select(Name);

    public string Name(string suffix) => $"{Prefix}_{suffix}";

    /// <summary>A connection string for the role, on the same server and database as the test servers'.</summary>
    public string ConnectionString(string suffix) =>
        new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Username = Name(suffix), Password = _password }.ConnectionString;

    public string Password => _password;

    public static async Task<TestRoles> CreateAsync(NpgsqlDataSource admin)
    {
        var roles = Named(admin);
        foreach (var name in roles.Names)
        {
            await roles.ExecuteAsync($"CREATE ROLE {name} LOGIN PASSWORD '{roles._password}'");
        }

        return roles;
    }

    /// <summary>Names and a password for roles something else creates (a script under test); dropped all the same.</summary>
    public static TestRoles Named(NpgsqlDataSource admin) => new(admin, $"nasp_t{Guid.NewGuid():N}"[..14]);

    public async ValueTask DisposeAsync()
    {
        foreach (var name in Names)
        {
            await using var exists = _admin.CreateCommand("SELECT count(*) FROM pg_roles WHERE rolname = $1");
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if ((long)(await exists.ExecuteScalarAsync())! == 1)
            {
                await ExecuteAsync($"DROP OWNED BY {name}");
                await ExecuteAsync($"DROP ROLE {name}");
            }
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _admin.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
