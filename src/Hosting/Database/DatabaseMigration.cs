using Marten;
using NasPipeline.Hosting.Blobs;
using NasPipeline.Hosting.EventStore;
using Npgsql;

namespace NasPipeline.Hosting.Database;

/// <summary>
/// `nasp db migrate`: as the schema's owner, applies every table, function and sequence the pipeline uses (Marten's
/// event store and documents, every stage's document types, the blobs), then grants each existing stage role exactly
/// its <see cref="RoleRights"/>. Stages then run with <c>Pipeline__ApplySchema=false</c> and never need DDL.
/// Idempotent: a second run changes nothing but re-states the grants.
/// </summary>
public sealed class DatabaseMigration(IDocumentStore store, PostgresBlobStore blobs, NpgsqlDataSource dataSource, string schema)
{
    /// <summary>Marten's event store: the events and the streams' versions every append writes.</summary>
    private static readonly string[] EventTables = ["mt_events", "mt_streams"];

    public async Task<MigrationReport> ApplyAsync(string rolePrefix, IReadOnlyList<(string Stage, IReadOnlyList<Type> Documents)> stages,
        CancellationToken cancellationToken)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await blobs.EnsureSchemaAsync(cancellationToken);

        var tables = await TablesAsync(cancellationToken);
        var shared = EventTables.Concat(MartenSetup.SharedDocumentTypes.Select(TableOf)).Append(PostgresBlobStore.TableName).ToArray();
        var plan = DatabaseRoles.Plan(rolePrefix, tables, shared, stages
            .Select(s => (s.Stage, (IReadOnlyCollection<string>)s.Documents.Select(TableOf).ToArray()))
            .ToList());
        var existing = await ExistingRolesAsync(plan.Select(p => p.Role).ToArray(), cancellationToken);
        var granted = new List<RoleRights>();
        foreach (var rights in plan.Where(p => existing.Contains(p.Role)))
        {
            await using var batch = dataSource.CreateBatch();
            foreach (var statement in GrantStatements.For(schema, rights))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            granted.Add(rights);
        }

        return new MigrationReport(schema, tables.Count, granted, plan.Select(p => p.Role).Where(r => !existing.Contains(r)).ToArray());
    }

    private string TableOf(Type documentType) => store.Options.FindOrResolveDocumentType(documentType).TableName.Name;

    private async Task<IReadOnlyCollection<string>> TablesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        return await ReadStringsAsync(command, cancellationToken);
    }

    private async Task<HashSet<string>> ExistingRolesAsync(string[] roles, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = roles });
        return await ReadStringsAsync(command, cancellationToken);
    }

    private static async Task<HashSet<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

/// <summary>What a migration did: the schema's table count, the roles granted their rights, the roles not found.</summary>
public sealed record MigrationReport(string Schema, int Tables, IReadOnlyList<RoleRights> Granted, IReadOnlyList<string> MissingRoles);
