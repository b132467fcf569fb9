using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.EventStore;

/// <summary>Submissions stored before budgets and forks existed still read back from PostgreSQL.</summary>
[Collection(PipelineCollection.Name)]
public sealed class OldSubmissionTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_submission_stored_without_budget_and_parent_reads_back_with_neither()
    {
        var runId = Guid.NewGuid();
        var submitted = new ModelSubmitted(runId, DateTimeOffset.UtcNow, null, new SearchSpacePoint("mbv3-28", [1, 2]), [], ["classification"],
            [new Objective("classification", ObjectiveDirection.Maximize)], [], 4, new SearchBudget(Population: 8), Guid.NewGuid());
        await fixture.Writer.AppendAsync(runId, [submitted]);

        // Strip the two fields from the stored JSON, as an event written before they existed has them.
        await using (var command = fixture.DataSource.CreateCommand(
                         $"UPDATE \"{fixture.Schema}\".mt_events SET data = data - 'Budget' - 'budget' - 'ParentRunId' - 'parentRunId' " +
                         "WHERE stream_id = $1 AND data::text ILIKE '%budget%'"))
        {
            command.Parameters.AddWithValue(runId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var read = Assert.IsType<ModelSubmitted>((await fixture.Reader.EventsAsync(runId)).Single().Data);

        Assert.Equal(submitted with { Budget = null, ParentRunId = null, Tasks = read.Tasks, Objectives = read.Objectives, Constraints = read.Constraints,
            InputShapes = read.InputShapes, Point = read.Point }, read);
        Assert.Equal(submitted.Point!.Encoding, read.Point!.Encoding);
        Assert.Equal(submitted.Tasks, read.Tasks);
    }
}
