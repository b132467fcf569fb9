using NasPipeline.Contracts.Events;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.EventStore;

[Collection(PipelineCollection.Name)]
public sealed class RunReaderTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Events_after_a_version_are_exactly_the_later_ones()
    {
        var runId = Guid.NewGuid();
        await fixture.Writer.AppendAsync(runId,
        [
            new RunFailed(runId, "a", "first", DateTimeOffset.UnixEpoch),
            new RunFailed(runId, "b", "second", DateTimeOffset.UnixEpoch),
            new RunFailed(runId, "c", "third", DateTimeOffset.UnixEpoch),
        ]);

        Assert.Equal([1L, 2L, 3L], (await fixture.Reader.EventsAsync(runId)).Select(e => e.Version));
        Assert.Equal([2L, 3L], (await fixture.Reader.EventsAsync(runId, afterVersion: 1)).Select(e => e.Version));
        Assert.Equal(["c"], (await fixture.Reader.EventsAsync(runId, afterVersion: 2)).Select(e => ((RunFailed)e.Data).Stage));
        Assert.Empty(await fixture.Reader.EventsAsync(runId, afterVersion: 3));
    }
}
