using System.Collections.Concurrent;
using NasPipeline.Contracts.Model;

namespace NasPipeline.Latency;

/// <summary>Latencies already timed, by <see cref="SubnetLatency.CacheKey"/>: a graph is timed once per processor and setting.</summary>
public interface ILatencyCache
{
    Task<MeasuredLatency?> FindAsync(string key, CancellationToken cancellationToken);

    Task StoreAsync(string key, MeasuredLatency latency, CancellationToken cancellationToken);
}

/// <summary>A process's own cache, for benchmarks and tools that keep no store.</summary>
public sealed class MemoryLatencyCache : ILatencyCache
{
    private readonly ConcurrentDictionary<string, MeasuredLatency> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public Task<MeasuredLatency?> FindAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(key, out var found) ? found : null);

    public Task StoreAsync(string key, MeasuredLatency latency, CancellationToken cancellationToken)
    {
        _entries.TryAdd(key, latency);
        return Task.CompletedTask;
    }
}
