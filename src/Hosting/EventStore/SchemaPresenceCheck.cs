using Marten;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Tables;

namespace NasPipeline.Hosting.EventStore;

/// <summary>
/// <see cref="SchemaPolicy.ApplyIfMissing"/> at host start: one catalogue query for the tables the store is configured
/// with. When all are there Marten is told so, and skips its per-type schema comparisons; when any is missing (a
/// database no stage has started on yet) the schema is applied once, as a stage would.
/// </summary>
internal sealed class SchemaPresenceCheck(IDocumentStore store, NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = store.Storage.Database;
        var tables = database.AllObjects().OfType<Table>().Select(t => $"{t.Identifier.Schema}.{t.Identifier.Name}").Distinct().ToArray();
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname || '.' || tablename = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = tables });
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == tables.Length)
        {
            // Marten's database is Weasel's; without this each first use of a document type compares its schema again.
            (database as DatabaseBase<NpgsqlConnection>)?.MarkAllFeaturesAsChecked();
            return;
        }

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
