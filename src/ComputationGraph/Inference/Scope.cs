namespace NasPipeline.ComputationGraph.Inference;

/// <summary>
/// Values visible to a graph. A subgraph's scope sees its parent's values (ONNX outer-scope references) and
/// remembers which ones it read, so the If/Loop node gets data-flow edges from their producers.
/// </summary>
internal sealed class Scope(Scope? parent = null)
{
    private readonly Dictionary<string, Slot> _values = new(StringComparer.Ordinal);

    public HashSet<string> Captured { get; } = new(StringComparer.Ordinal);

    public bool Contains(string name) => _values.ContainsKey(name);

    public void Set(string name, TensorInfo info, int producer) => _values[name] = new Slot(info, producer);

    public Slot? Lookup(string name)
    {
        if (_values.TryGetValue(name, out var slot))
        {
            return slot;
        }

        var outer = parent?.Lookup(name);
        if (outer is not null)
        {
            Captured.Add(name);
        }

        return outer;
    }
}

/// <summary>A value and the emitted node that produced it (-1 for graph inputs, initializers and folded values).</summary>
internal sealed record Slot(TensorInfo Info, int Producer);
