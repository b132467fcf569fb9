namespace NasPipeline.Hosting.Database;

/// <summary>
/// The SQL that gives a role its <see cref="RoleRights"/> on a schema and nothing else: everything the role held there
/// is revoked first, so rights taken out of the plan are taken from the role too.
/// </summary>
public static class GrantStatements
{
    public static IReadOnlyList<string> For(string schema, RoleRights rights)
    {
        var s = Quote(schema);
        var r = Quote(rights.Role);
        var statements = new List<string>
        {
            $"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
            $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}",
            $"REVOKE ALL ON SCHEMA {s} FROM {r}",
            $"GRANT USAGE ON SCHEMA {s} TO {r}",
            $"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {r}",
        };
        if (!rights.ReadOnly)
        {
            statements.Add($"GRANT INSERT, UPDATE ON TABLE {string.Join(", ", rights.WritableTables.Select(t => $"{s}.{Quote(t)}"))} TO {r}");
            // nextval: event sequence numbers.
            statements.Add($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}");
            // Marten's upsert and append functions run with the caller's rights, so these grant nothing the tables do not.
            statements.Add($"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {r}");
        }

        return statements;
    }

    /// <summary>A PostgreSQL identifier in double quotes, inner quotes doubled.</summary>
    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
