using System.CommandLine;
using Marten;
using NasPipeline.Cli.CommandLine;
using NasPipeline.Hosting;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Hosting.Database;
using NasPipeline.Hosting.EventStore;
using Npgsql;

namespace NasPipeline.Cli.Commands;

/// <summary>
/// <c>db migrate</c>: applies the whole schema as its owner and grants each stage role its rights, so the stages can
/// run as those roles with <c>Pipeline__ApplySchema=false</c> (no DDL at all).
/// </summary>
public static class DbCommand
{
    public static Command Create()
    {
        var prefix = new Option<string>("--role-prefix")
        {
            Description = "Stage roles are PREFIX_graph_extract, PREFIX_pseudo_label, PREFIX_predict, PREFIX_search, PREFIX_adapt, and PREFIX_dashboard (read-only).",
            HelpName = "PREFIX",
            DefaultValueFactory = _ => DatabaseRoles.DefaultPrefix,
        };
        var migrate = new Command("migrate",
            "Apply the schema (event store, documents, blobs) with ConnectionStrings__Postgres, which must be allowed DDL, and grant the existing stage roles their rights.")
        {
            prefix,
        };
        migrate.SetCliAction((parse, output, ct) => MigrateAsync(parse.GetRequiredValue(prefix), output, ct));
        return new Command("db", "The database: apply the schema and the stage roles' rights (`db migrate`).") { migrate };
    }

    public static async Task<int> MigrateAsync(string rolePrefix, TextWriter output, CancellationToken cancellationToken)
    {
        if (rolePrefix.Length == 0 || !rolePrefix.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_') || !char.IsAsciiLetterLower(rolePrefix[0]))
        {
            throw new CliUsageException($"--role-prefix '{rolePrefix}': use lower-case letters, digits and _, starting with a letter.");
        }

        var settings = PipelineSettings.FromEnvironment();
        var stages = AllStages.Create();
        using var store = DocumentStore.For(options =>
        {
            MartenSetup.Configure(options, settings);
            options.RegisterDocumentTypes(stages.SelectMany(s => s.StoredDocuments));
        });
        await using var dataSource = NpgsqlDataSource.Create(settings.PostgresConnectionString);
        var migration = new DatabaseMigration(store, new PostgresBlobStore(dataSource, settings.Schema), dataSource, settings.Schema);
        MigrationReport report;
        try
        {
            report = await migration.ApplyAsync(rolePrefix, stages.Select(s => (s.Name, s.StoredDocuments)).ToList(), cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new CliFailedException(
                $"The role of ConnectionStrings__Postgres may not change schema '{settings.Schema}' ({e.MessageText}): run `db migrate` as the database owner.");
        }

        await output.WriteLineAsync($"schema {report.Schema}: {report.Tables} tables up to date");
        foreach (var rights in report.Granted)
        {
            var what = rights.ReadOnly ? "reads every table" : $"reads every table, writes {rights.WritableTables.Count}: {string.Join(", ", rights.WritableTables)}";
            await output.WriteLineAsync($"  {rights.Role} ({rights.Serves}): {what}");
        }

        foreach (var role in report.MissingRoles)
        {
            await output.WriteLineAsync($"  {role}: no such role, skipped (CREATE ROLE {role} LOGIN PASSWORD '...', then migrate again)");
        }

        return ExitCodes.Ok;
    }
}
