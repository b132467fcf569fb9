using System.Collections.Immutable;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Events;
using NasPipeline.Hosting.EventStore;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.EventStore;

[Collection(PipelineCollection.Name)]
public sealed class RunEventWriterTests(PipelineFixture fixture)
{
    /// <summary>The stream as a list: each call a new list, so a test sees exactly what the writer folded.</summary>
    private static readonly RunFold<ImmutableList<object>> Events = new([], (events, e) => events.Add(e));

    private static Task<IReadOnlyList<IRunMessage>> Decided(params IRunMessage[] events) => Task.FromResult<IReadOnlyList<IRunMessage>>(events);

    [Fact]
    public async Task Duplicate_delivery_appends_one_event()
    {
        var runId = Guid.NewGuid();
        var decisions = 0;

        Task<IReadOnlyList<IRunMessage>> Decide(ImmutableList<object> state, CancellationToken token)
        {
            Interlocked.Increment(ref decisions);
            return Decided(new RunFailed(runId, "test", "once", DateTimeOffset.UnixEpoch));
        }

        var first = await fixture.Writer.DecideOnceAsync(runId, $"test/{runId}", Events, Decide, default);
        var second = await fixture.Writer.DecideOnceAsync(runId, $"test/{runId}", Events, Decide, default);

        Assert.Equal(first, second);
        Assert.Equal(1, decisions);
        Assert.Single(await fixture.Reader.EventsAsync(runId));
    }

    [Fact]
    public async Task Concurrent_duplicates_append_one_set_and_all_see_it()
    {
        var runId = Guid.NewGuid();
        await fixture.Writer.AppendAsync(runId, [new RunFailed(runId, "test", "opening", DateTimeOffset.UnixEpoch)]);

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(() => fixture.Writer.DecideOnceAsync(runId, $"dup/{runId}", Events,
            (_, _) => Decided(new RunFailed(runId, "test", $"attempt {i} a", DateTimeOffset.UnixEpoch), new RunFailed(runId, "test", $"attempt {i} b", DateTimeOffset.UnixEpoch)),
            default)));
        var results = await Task.WhenAll(attempts);

        var events = await fixture.Reader.EventsAsync(runId);
        Assert.Equal(3, events.Count);
        var stored = events.Skip(1).Select(e => e.Data).ToList();
        Assert.All(results, r => Assert.Equal(stored, r.Cast<object>().ToList()));
    }

    [Fact]
    public async Task Work_done_in_a_decision_that_lost_its_append_race_is_not_done_again()
    {
        var runId = Guid.NewGuid();
        await fixture.Writer.AppendAsync(runId, [new RunFailed(runId, "test", "opening", DateTimeOffset.UnixEpoch)]);
        var results = new RetriedWorkResults<IReadOnlyList<IRunMessage>>();
        var decisions = 0;
        var work = 0;

        await fixture.Writer.DecideOnceAsync(runId, $"work/{runId}", Events, async (_, _) =>
        {
            Interlocked.Increment(ref decisions);
            return await results.GetOrRunAsync($"measure/{runId}", async () =>
            {
                Interlocked.Increment(ref work);
                // Another stage records an event while the work runs, as Predict does after every measurement.
                await fixture.Writer.AppendAsync(runId, [new RunFailed(runId, "other", "meanwhile", DateTimeOffset.UnixEpoch)]);
                return [new RunFailed(runId, "test", "measured", DateTimeOffset.UnixEpoch)];
            });
        }, default);

        Assert.Equal(2, decisions);
        Assert.Equal(1, work);
        Assert.Equal(["opening", "meanwhile", "measured"], (await fixture.Reader.EventsAsync(runId)).Select(e => ((RunFailed)e.Data).Reason));
    }

    [Fact]
    public async Task The_decision_sees_the_stream_folded_including_what_an_earlier_key_appended()
    {
        var runId = Guid.NewGuid();
        await fixture.Writer.DecideOnceAsync(runId, $"a/{runId}", Events, (_, _) => Decided(new RunFailed(runId, "a", "1", DateTimeOffset.UnixEpoch)), default);
        ImmutableList<object>? seen = null;
        await fixture.Writer.DecideOnceAsync(runId, $"b/{runId}", Events, (state, _) =>
        {
            seen = state;
            return Decided(new RunFailed(runId, "b", "2", DateTimeOffset.UnixEpoch));
        }, default);

        Assert.Equal(["1"], seen!.Cast<RunFailed>().Select(f => f.Reason));
        Assert.Equal(["1", "2"], (await fixture.Reader.EventsAsync(runId)).Select(e => ((RunFailed)e.Data).Reason));
    }

    [Fact]
    public async Task A_writer_that_folded_the_run_before_reads_what_others_appended_since()
    {
        var runId = Guid.NewGuid();
        var writer = fixture.Writer;
        await writer.DecideOnceAsync(runId, $"first/{runId}", Events, (_, _) => Decided(new RunFailed(runId, "a", "1", DateTimeOffset.UnixEpoch)), default);
        await fixture.Writer.AppendAsync(runId, [new RunFailed(runId, "b", "2", DateTimeOffset.UnixEpoch)]);
        await fixture.Writer.DecideOnceAsync(runId, $"other/{runId}", Events, (_, _) => Decided(new RunFailed(runId, "c", "3", DateTimeOffset.UnixEpoch)), default);
        ImmutableList<object>? seen = null;

        await writer.DecideOnceAsync(runId, $"second/{runId}", Events, (state, _) =>
        {
            seen = state;
            return Decided(new RunFailed(runId, "a", "4", DateTimeOffset.UnixEpoch));
        }, default);

        Assert.Equal(["1", "2", "3"], seen!.Cast<RunFailed>().Select(f => f.Reason));
        Assert.Equal(["1", "2", "3", "4"], (await fixture.Reader.EventsAsync(runId)).Select(e => ((RunFailed)e.Data).Reason));
    }

    [Fact]
    public async Task An_opening_message_starts_an_empty_stream_and_is_not_returned_for_publishing()
    {
        var runId = Guid.NewGuid();
        var opening = new RunFailed(runId, "test", "opening", DateTimeOffset.UnixEpoch);
        ImmutableList<object>? seen = null;

        var decided = await fixture.Writer.DecideOnceAsync(runId, $"open/{runId}", Events, (state, _) =>
        {
            seen = state;
            return Decided(new RunFailed(runId, "test", "decided", DateTimeOffset.UnixEpoch));
        }, default, opening);
        var again = await fixture.Writer.DecideOnceAsync(runId, $"open-again/{runId}", Events, (_, _) => Decided(), default, opening);

        Assert.Equal([opening], seen!);
        Assert.Equal(["decided"], decided.Cast<RunFailed>().Select(f => f.Reason));
        Assert.Empty(again);
        Assert.Equal(["opening", "decided"], (await fixture.Reader.EventsAsync(runId)).Select(e => ((RunFailed)e.Data).Reason));
    }

    [Fact]
    public async Task Starting_a_run_that_exists_is_a_typed_error()
    {
        var runId = Guid.NewGuid();
        await fixture.Writer.StartAsync(runId, [new RunFailed(runId, "test", "first", DateTimeOffset.UnixEpoch)]);

        var error = await Assert.ThrowsAsync<RunAlreadyExistsException>(() =>
            fixture.Writer.StartAsync(runId, [new RunFailed(runId, "test", "second", DateTimeOffset.UnixEpoch)]));

        Assert.Equal(runId, error.RunId);
        Assert.Single(await fixture.Reader.EventsAsync(runId));
    }
}
