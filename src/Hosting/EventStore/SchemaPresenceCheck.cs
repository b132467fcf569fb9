using Marten;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Tables;

namespace NasPipeline.Hosting.EventStore;

/// <summary>
/// <see cref="SchemaPolicy.ApplyIfMissing"/> and <see cref="SchemaPolicy.RequireMigrated"/> at host start: one catalogue
/// query for the tables the store is configured with. When all are there Marten is told so, and skips its per-type
/// schema comparisons. When any is missing (a database no stage has started on yet) the first policy applies the schema
/// once, as a stage would; the second stops the host with the remedy, since its role may not create tables.
/// </summary>
public sealed class SchemaPresenceCheck(IDocumentStore store, NpgsqlDataSource dataSource, PipelineSettings settings, SchemaPolicy policy)
    : IHostedService
{
    private bool _passed;

    /// <summary>
    /// Runs the check of a host's services before the host starts, when it has one: the generic host logs a failing
    /// start with its stack trace, and a schema not migrated deserves one line with the remedy.
    /// </summary>
    public static async Task RunBeforeStartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(SchemaPresenceCheck)) is SchemaPresenceCheck check)
        {
            await check.StartAsync(cancellationToken);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_passed)
        {
            return;
        }

        await CheckAsync(cancellationToken);
        _passed = true;
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var database = store.Storage.Database;
        var tables = database.AllObjects().OfType<Table>().Select(t => $"{t.Identifier.Schema}.{t.Identifier.Name}").Distinct().ToArray();
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(array_agg(schemaname || '.' || tablename), '{}') FROM pg_catalog.pg_tables WHERE schemaname || '.' || tablename = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = tables });
        var present = (string[])(await command.ExecuteScalarAsync(cancellationToken))!;
        var missing = tables.Except(present, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0)
        {
            // Marten's database is Weasel's; without this each first use of a document type compares its schema again.
            (database as DatabaseBase<NpgsqlConnection>)?.MarkAllFeaturesAsChecked();
            return;
        }

        if (policy == SchemaPolicy.RequireMigrated)
        {
            throw new SchemaNotMigratedException(settings.Schema, missing);
        }

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
