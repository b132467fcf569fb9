using System.Collections.Concurrent;

namespace NasPipeline.Hosting.EventStore;

/// <summary>
/// The last state each run's stream was folded into, with the stream version it stands for, so the next message only
/// reads and folds the events after it. A cache, not a record: a miss, a gap or a lost race means folding from the
/// start, and the append's expected version still guards every decision.
/// </summary>
internal sealed class FoldCache(int capacity = 1024)
{
    private readonly ConcurrentDictionary<(Guid RunId, object Fold), (long Version, object State)> _states = new();

    public bool TryGet<TState>(Guid runId, RunFold<TState> fold, out long version, out TState state)
    {
        if (_states.TryGetValue((runId, fold), out var entry))
        {
            (version, state) = (entry.Version, (TState)entry.State);
            return true;
        }

        (version, state) = (0, fold.Initial);
        return false;
    }

    public void Set<TState>(Guid runId, RunFold<TState> fold, long version, TState state)
    {
        if (_states.Count >= capacity)
        {
            // Dropping everything keeps this simple and bounded; the next message of each run folds from the start.
            _states.Clear();
        }

        _states[(runId, fold)] = (version, state!);
    }

    public void Forget(Guid runId)
    {
        foreach (var key in _states.Keys.Where(k => k.RunId == runId))
        {
            _states.TryRemove(key, out _);
        }
    }
}
