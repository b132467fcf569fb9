using Marten;
using NasPipeline.Contracts;

namespace NasPipeline.Hosting.EventStore;

/// <summary>
/// The one write path into a run's stream. A stage handles an inbound message with <see cref="DecideOnceAsync{TState}"/>:
/// the stream is read and folded in the writer's own session, a pure decision turns the state into events, and those are
/// appended at the version that was read (optimistic concurrency) together with the message's processed marker, in one
/// transaction. The caller publishes what comes back. A redelivered message finds its marker and gets the stored events
/// back, so a consumer that died after committing re-publishes exactly what the first attempt wrote.
/// Whoever produces a message appends it before publishing it (<see cref="AppendAsync"/>, <see cref="StartAsync"/>);
/// no stage appends another stage's output.
/// </summary>
public sealed class RunEventWriter(IDocumentStore store)
{
    private const int ConcurrencyAttempts = 5;

    private readonly FoldCache _folded = new();

    /// <summary>Decides once per <paramref name="dedupeKey"/>. <paramref name="opening"/> is the one exception to "the
    /// producer appends": a submission published straight to the bus (not through <c>nasp submit</c>) opens its own
    /// stream when its acceptor decides on it, so every run's stream starts with what was submitted. It is not returned.</summary>
    public async Task<IReadOnlyList<IRunMessage>> DecideOnceAsync<TState>(
        Guid runId,
        string dedupeKey,
        RunFold<TState> fold,
        Func<TState, CancellationToken, Task<IReadOnlyList<IRunMessage>>> decide,
        CancellationToken cancellationToken,
        IRunMessage? opening = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryDecideAsync(runId, dedupeKey, fold, decide, opening, cancellationToken);
            }
            catch (Exception e) when (attempt < ConcurrencyAttempts && IsRace(e))
            {
                // Another replica handled the same message or wrote to the run meanwhile: read again and decide again.
                _folded.Forget(runId);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A producer records its own messages before publishing them. No dedupe marker: for producers that are
    /// idempotent themselves or run once (the CLI).</summary>
    public async Task AppendAsync(Guid runId, IReadOnlyList<IRunMessage> events, CancellationToken cancellationToken = default)
    {
        await using var session = store.LightweightSession();
        var state = await session.Events.FetchStreamStateAsync(runId, cancellationToken);
        if (state is null)
        {
            session.Events.StartStream(runId, events.Cast<object>().ToArray());
        }
        else
        {
            session.Events.Append(runId, state.Version + events.Count, events.Cast<object>().ToArray());
        }

        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Starts a new run's stream; fails (<see cref="RunAlreadyExistsException"/>) when the run id is taken.</summary>
    public async Task StartAsync(Guid runId, IReadOnlyList<IRunMessage> events, CancellationToken cancellationToken = default)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream(runId, events.Cast<object>().ToArray());
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (IsRace(e))
        {
            throw new RunAlreadyExistsException(runId, e);
        }
    }

    private async Task<IReadOnlyList<IRunMessage>> TryDecideAsync<TState>(
        Guid runId,
        string dedupeKey,
        RunFold<TState> fold,
        Func<TState, CancellationToken, Task<IReadOnlyList<IRunMessage>>> decide,
        IRunMessage? opening,
        CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Logger = new RaceQuietSessionLogger(session.Logger);
        var marker = await session.LoadAsync<ProcessedMessage>(dedupeKey, cancellationToken);
        if (marker is not null)
        {
            return Stored(await session.Events.FetchStreamAsync(runId, fromVersion: marker.FromVersion, token: cancellationToken), marker);
        }

        var (version, state) = await ReadAsync(session, runId, fold, cancellationToken);
        IReadOnlyList<IRunMessage> opened = version == 0 && opening is not null ? [opening] : [];
        state = opened.Aggregate(state, (s, e) => fold.Evolve(s, e));
        var decided = await decide(state, cancellationToken);
        if (decided.Count == 0 && opened.Count == 0)
        {
            return decided;
        }

        var payload = opened.Concat(decided).Cast<object>().ToArray();
        if (version == 0)
        {
            session.Events.StartStream(runId, payload);
        }
        else
        {
            // The expected version makes a concurrent writer's commit fail here instead of interleaving with it.
            session.Events.Append(runId, version + payload.Length, payload);
        }

        session.Insert(new ProcessedMessage
        {
            Id = dedupeKey,
            RunId = runId,
            FromVersion = version + opened.Count + 1,
            Count = decided.Count,
            ProcessedAt = DateTimeOffset.UtcNow,
        });
        await session.SaveChangesAsync(cancellationToken);
        _folded.Set(runId, fold, version + payload.Length, decided.Aggregate(state, (s, e) => fold.Evolve(s, e)));
        return decided;
    }

    /// <summary>The run's state and stream version: from the last state this writer folded, plus the events after it.</summary>
    private async Task<(long Version, TState State)> ReadAsync<TState>(
        IDocumentSession session, Guid runId, RunFold<TState> fold, CancellationToken cancellationToken)
    {
        if (_folded.TryGet(runId, fold, out var version, out var state))
        {
            var tail = await session.Events.FetchStreamAsync(runId, fromVersion: version + 1, token: cancellationToken);
            if (tail.Count == 0 || tail[0].Version == version + 1)
            {
                return (tail.Count == 0 ? version : tail[^1].Version, tail.Aggregate(state, (s, e) => fold.Evolve(s, e.Data)));
            }
        }

        var stream = await session.Events.FetchStreamAsync(runId, token: cancellationToken);
        return (stream.Count == 0 ? 0 : stream[^1].Version, stream.Aggregate(fold.Initial, (s, e) => fold.Evolve(s, e.Data)));
    }

    private static IReadOnlyList<IRunMessage> Stored(IReadOnlyList<JasperFx.Events.IEvent> stream, ProcessedMessage marker) =>
        stream.Where(e => e.Version >= marker.FromVersion && e.Version < marker.FromVersion + marker.Count)
            .Select(e => e.Data)
            .OfType<IRunMessage>()
            .ToList();

    // Marten and JasperFx each define some of these; matching by name covers whichever assembly throws.
    private static readonly HashSet<string> RaceExceptions =
    [
        "ConcurrencyException", "EventStreamUnexpectedMaxEventIdException", "ExistingStreamIdCollisionException",
        "DocumentAlreadyExistsException",
    ];

    internal static bool IsRace(Exception e) =>
        RaceExceptions.Contains(e.GetType().Name) || e.InnerException is not null && IsRace(e.InnerException);
}
