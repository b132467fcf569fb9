namespace NasPipeline.Hosting.EventStore;

/// <summary>How a stage folds a run's stream into the state its decider reads: the state of an empty stream, and one
/// event's effect on a state. The state must be immutable: the writer keeps the last one per run and goes on from it.</summary>
public sealed record RunFold<TState>(TState Initial, Func<TState, object, TState> Evolve);

public static class RunFold
{
    /// <summary>For a decision that reads nothing from the stream.</summary>
    public static readonly RunFold<long> Nothing = new(0, (count, _) => count + 1);
}
