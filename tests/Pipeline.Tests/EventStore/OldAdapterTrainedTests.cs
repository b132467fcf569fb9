using NasPipeline.Contracts.Events;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.EventStore;

/// <summary>An <c>AdapterTrained</c> stored before it named its source still reads back from PostgreSQL, with the source empty.</summary>
[Collection(PipelineCollection.Name)]
public sealed class OldAdapterTrainedTests(PipelineFixture fixture)
{
    [Fact]
    public async Task An_adapter_trained_stored_without_a_source_reads_back_with_an_empty_one()
    {
        var runId = Guid.NewGuid();
        var trained = new AdapterTrained(runId, "classification", "gnn-adapter", 1, 40, 0.9, new string('a', 64), 3, "default: something");
        await fixture.Writer.AppendAsync(runId, [trained]);

        await using (var command = fixture.DataSource.CreateCommand(
                         $"UPDATE \"{fixture.Schema}\".mt_events SET data = data - 'Source' - 'source' WHERE stream_id = $1"))
        {
            command.Parameters.AddWithValue(runId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var read = Assert.IsType<AdapterTrained>((await fixture.Reader.EventsAsync(runId)).Single().Data);

        Assert.Equal(trained with { Source = "" }, read);
    }
}
