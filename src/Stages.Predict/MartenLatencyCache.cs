using Marten;
using NasPipeline.Contracts.Model;
using NasPipeline.Latency;

namespace NasPipeline.Stages.Predict;

/// <summary>Latencies in PostgreSQL, so a graph timed by one run (or one Predict process) is not timed again by the next.</summary>
public sealed class MartenLatencyCache(IDocumentStore store, TimeProvider clock) : ILatencyCache
{
    public async Task<MeasuredLatency?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<StoredLatency>(key, cancellationToken))?.Latency;
    }

    public async Task StoreAsync(string key, MeasuredLatency latency, CancellationToken cancellationToken)
    {
        // Two processes timing the same graph at once both store; the later figure replaces an equally valid one.
        await using var session = store.LightweightSession();
        session.Store(new StoredLatency { Id = key, Latency = latency, MeasuredAt = clock.GetUtcNow() });
        await session.SaveChangesAsync(cancellationToken);
    }
}
