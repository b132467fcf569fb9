using Marten;
using NasPipeline.Hosting.Projections;

namespace NasPipeline.Hosting.EventStore;

/// <summary>Read side for the CLI: run list, summaries, raw events, and projection rebuilds (replay).</summary>
public sealed class RunReader(IDocumentStore store)
{
    public async Task<IReadOnlyList<RunListEntry>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return await session.Query<RunListEntry>()
            .OrderByDescending(r => r.SubmittedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<RunSummary?> SummaryAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<RunSummary>(runId, cancellationToken);
    }

    public async Task<IReadOnlyList<RecordedEvent>> EventsAsync(Guid runId, long afterVersion = 0, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        // Only the events after the given version leave the database: `watch` and the dashboard poll a growing stream.
        var events = await session.Events.FetchStreamAsync(runId, fromVersion: afterVersion + 1, token: cancellationToken);
        return events
            .Select(e => new RecordedEvent(e.Version, e.Timestamp, e.EventTypeName, e.Data))
            .ToList();
    }
}

public sealed record RecordedEvent(long Version, DateTimeOffset Timestamp, string Type, object Data);
