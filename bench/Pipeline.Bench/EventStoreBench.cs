using System.Diagnostics;
using System.Text.Json;
using Marten;
using Npgsql;
using NpgsqlTypes;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Hosting.Projections;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Bench;

/// <summary>
/// Events appended through Marten (inline projections included) and read back by folding each stream, against
/// plain Npgsql writing and reading the same JSON rows: the ratio is the event store's overhead.
/// </summary>
public static class EventStoreBench
{
    public static async Task<BenchTable> RunAsync(string connectionString, int streams, int eventsPerStream)
    {
        var schema = $"nasp_bench_{Environment.ProcessId}";
        var settings = new PipelineSettings(connectionString, null, null, schema);
        using var store = DocumentStore.For(o => MartenSetup.Configure(o, settings));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            var runs = Enumerable.Range(0, streams).Select(_ => Guid.NewGuid()).ToList();
            var writer = new RunEventWriter(store);
            var total = streams * eventsPerStream;

            var clock = Stopwatch.StartNew();
            foreach (var runId in runs)
            {
                await writer.AppendAsync(runId, Stream(runId, eventsPerStream));
            }

            var martenAppend = total / clock.Elapsed.TotalSeconds;

            clock.Restart();
            foreach (var runId in runs)
            {
                await using var session = store.LightweightSession();
                _ = await session.Events.AggregateStreamAsync<RunSummary>(runId);
            }

            var martenReplay = total / clock.Elapsed.TotalSeconds;

            var (rawAppend, rawRead) = await RawAsync(dataSource, schema, runs, eventsPerStream);
            var table = new BenchTable($"Event store ({streams} runs x {eventsPerStream} events, PostgreSQL on loopback)");
            table.Add(new BenchRow("event-store", "append (1 transaction per run)", "events/s", martenAppend, "events/s", "Npgsql INSERT of the same JSON", rawAppend));
            table.Add(new BenchRow("event-store", "replay (fold each stream)", "events/s", martenReplay, "events/s", "Npgsql SELECT of the same rows", rawRead));
            return table;
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static IReadOnlyList<IRunMessage> Stream(Guid runId, int count)
    {
        var events = new List<IRunMessage>
        {
            new ModelSubmitted(runId, DateTimeOffset.UtcNow, new("ab".PadRight(64, 'c'), "m.onnx", 100), null, ["1x3x224x224"], ["classification"], [], [], 1),
        };
        for (var i = 1; i < count; i++)
        {
            events.Add(new CandidateScored(runId, Guid.NewGuid(), i, 1, [new CandidateScore(Candidate.Point($"space:{i}"), new Dictionary<string, double> { ["classification"] = 0.9 }, 0.01)]));
        }

        return events;
    }

    private static async Task<(double Append, double Read)> RawAsync(NpgsqlDataSource dataSource, string schema, IReadOnlyList<Guid> runs, int eventsPerStream)
    {
        await using (var create = dataSource.CreateCommand($"CREATE TABLE \"{schema}\".raw_events (stream uuid, version int, type text, data jsonb, PRIMARY KEY (stream, version))"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        foreach (var runId in runs)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var batch = new NpgsqlBatch(connection, transaction);
            var version = 0;
            foreach (var e in Stream(runId, eventsPerStream))
            {
                var command = new NpgsqlBatchCommand($"INSERT INTO \"{schema}\".raw_events VALUES ($1, $2, $3, $4)");
                command.Parameters.Add(new NpgsqlParameter { Value = runId });
                command.Parameters.Add(new NpgsqlParameter { Value = ++version });
                command.Parameters.Add(new NpgsqlParameter { Value = e.GetType().Name });
                command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(e, e.GetType()), NpgsqlDbType = NpgsqlDbType.Jsonb });
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var append = runs.Count * eventsPerStream / clock.Elapsed.TotalSeconds;
        clock.Restart();
        foreach (var runId in runs)
        {
            await using var read = dataSource.CreateCommand($"SELECT type, data FROM \"{schema}\".raw_events WHERE stream = $1 ORDER BY version");
            read.Parameters.Add(new NpgsqlParameter { Value = runId });
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = JsonDocument.Parse(reader.GetString(1));
            }
        }

        return (append, runs.Count * eventsPerStream / clock.Elapsed.TotalSeconds);
    }
}
