using NasPipeline.Hosting.Database;

namespace NasPipeline.Hosting.Tests.Database;

/// <summary>The rights plan and its SQL, against tables and statements written out by hand.</summary>
public sealed class DatabaseRolesTests
{
    private static readonly string[] Tables = ["mt_events", "mt_streams", "blobs", "mt_doc_runsummary", "mt_doc_storedlatency", "mt_doc_storedsupernet", "mt_event_progression"];

    private static readonly string[] Shared = ["mt_events", "mt_streams", "blobs", "mt_doc_runsummary", "mt_doc_not_migrated"];

    [Fact]
    public void Each_stage_writes_the_shared_tables_and_its_own_the_dashboard_writes_none()
    {
        var plan = DatabaseRoles.Plan("nasp", Tables, Shared,
        [
            ("graph-extract", []),
            ("predict", ["mt_doc_storedlatency"]),
            ("adapt", ["mt_doc_storedsupernet"]),
        ]);

        Assert.Equal(["nasp_graph_extract", "nasp_predict", "nasp_adapt", "nasp_dashboard"], plan.Select(p => p.Role));
        // Sorted; mt_doc_not_migrated is not a table of this schema, mt_event_progression is nobody's to write.
        Assert.Equal(["blobs", "mt_doc_runsummary", "mt_events", "mt_streams"], plan[0].WritableTables);
        Assert.Equal(["blobs", "mt_doc_runsummary", "mt_doc_storedlatency", "mt_events", "mt_streams"], plan[1].WritableTables);
        Assert.Equal(["blobs", "mt_doc_runsummary", "mt_doc_storedsupernet", "mt_events", "mt_streams"], plan[2].WritableTables);
        Assert.True(plan[3].ReadOnly);
        Assert.False(plan[0].ReadOnly);
    }

    [Fact]
    public void A_stage_role_is_first_stripped_then_granted_reads_its_writes_sequences_and_functions()
    {
        var statements = GrantStatements.For("nasp", new RoleRights("nasp_predict", "predict", ["blobs", "mt_events"]));

        Assert.Equal(
        [
            "REVOKE ALL ON ALL TABLES IN SCHEMA \"nasp\" FROM \"nasp_predict\"",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA \"nasp\" FROM \"nasp_predict\"",
            "REVOKE ALL ON SCHEMA \"nasp\" FROM \"nasp_predict\"",
            "GRANT USAGE ON SCHEMA \"nasp\" TO \"nasp_predict\"",
            "GRANT SELECT ON ALL TABLES IN SCHEMA \"nasp\" TO \"nasp_predict\"",
            "GRANT INSERT, UPDATE ON TABLE \"nasp\".\"blobs\", \"nasp\".\"mt_events\" TO \"nasp_predict\"",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \"nasp\" TO \"nasp_predict\"",
            "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA \"nasp\" TO \"nasp_predict\"",
        ], statements);
    }

    [Fact]
    public void The_dashboard_role_gets_reads_alone_and_identifiers_are_quoted()
    {
        var statements = GrantStatements.For("odd\"schema", new RoleRights("nasp_dashboard", "dashboard", []));

        Assert.Equal(5, statements.Count);
        Assert.Equal("GRANT SELECT ON ALL TABLES IN SCHEMA \"odd\"\"schema\" TO \"nasp_dashboard\"", statements[^1]);
        Assert.DoesNotContain(statements, s => s.Contains("INSERT", StringComparison.Ordinal) || s.Contains("EXECUTE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("graph-extract", "nasp_graph_extract")]
    [InlineData("pseudo-label", "nasp_pseudo_label")]
    [InlineData("predict", "nasp_predict")]
    public void Stage_names_become_role_names_that_need_no_quoting(string stage, string role) =>
        Assert.Equal(role, DatabaseRoles.ForStage("nasp", stage));
}
