namespace NasPipeline.Hosting.EventStore;

/// <summary>
/// The results of long, deterministic work done inside a decision (training a chunk, measuring a subnet), kept for the
/// retry that follows a lost append race. <see cref="RunEventWriter.DecideOnceAsync{TState}"/> decides again when
/// another stage appended to the run meanwhile, which happens all the time: the Predict and Search stages react to
/// every event of the run while the next piece of work is under way. The retried decision usually picks the same
/// work, and its result is the same, so it is taken from here instead of being computed twice. A cache, not a record:
/// a miss only costs the work again. Keys must name everything the result depends on.
/// </summary>
public sealed class RetriedWorkResults<TResult>(int capacity = 16)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TResult> _results = new(StringComparer.Ordinal);
    private readonly Queue<string> _arrival = new();

    public async Task<TResult> GetOrRunAsync(string key, Func<Task<TResult>> work)
    {
        lock (_gate)
        {
            if (_results.TryGetValue(key, out var kept))
            {
                return kept;
            }
        }

        var result = await work();
        lock (_gate)
        {
            if (_results.TryAdd(key, result))
            {
                _arrival.Enqueue(key);
                while (_arrival.Count > capacity)
                {
                    _results.Remove(_arrival.Dequeue());
                }
            }
        }

        return result;
    }
}
