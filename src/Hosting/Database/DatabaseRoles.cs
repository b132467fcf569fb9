namespace NasPipeline.Hosting.Database;

/// <summary>
/// The PostgreSQL role each stage connects as (<c>nasp_predict</c>, ...), and the read-only role of the dashboard.
/// One role per stage, so a leaked password or a compromised stage reaches only what that stage writes, and
/// <c>pg_stat_activity</c> names the stage behind every connection.
/// </summary>
public static class DatabaseRoles
{
    public const string DefaultPrefix = "nasp";

    public const string DashboardSuffix = "dashboard";

    /// <summary><c>graph-extract</c> under <c>nasp</c> is <c>nasp_graph_extract</c>: a name that needs no quoting.</summary>
    public static string ForStage(string prefix, string stageName) => $"{prefix}_{stageName.Replace('-', '_')}";

    public static string ForDashboard(string prefix) => $"{prefix}_{DashboardSuffix}";

    /// <summary>
    /// What each role may do on the schema's <paramref name="tables"/>. Every stage reads every table and writes the
    /// <paramref name="shared"/> ones all stages write (run streams, projections, the inbox, blobs) plus the tables of
    /// its own document types; any other table (Marten's async-daemon tables, which nothing here runs) is read-only.
    /// The dashboard reads. No role may create, alter, drop, truncate or delete anything.
    /// </summary>
    public static IReadOnlyList<RoleRights> Plan(string prefix, IReadOnlyCollection<string> tables, IReadOnlyCollection<string> shared,
        IReadOnlyList<(string Stage, IReadOnlyCollection<string> OwnTables)> stages)
    {
        var rights = stages.Select(s => new RoleRights(ForStage(prefix, s.Stage), s.Stage,
                shared.Concat(s.OwnTables).Where(tables.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()))
            .ToList();
        rights.Add(new RoleRights(ForDashboard(prefix), DashboardSuffix, []));
        return rights;
    }
}

/// <summary>A role's rights on one schema: SELECT on every table, INSERT and UPDATE on <paramref name="WritableTables"/>;
/// no writable table means a read-only role (no sequence or function use either).</summary>
public sealed record RoleRights(string Role, string Serves, IReadOnlyList<string> WritableTables)
{
    public bool ReadOnly => WritableTables.Count == 0;
}
