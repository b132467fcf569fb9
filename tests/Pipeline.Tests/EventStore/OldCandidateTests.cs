using System.Text.Json;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.EventStore;

/// <summary>Streams written before candidates named their kind hold bare names; they read back typed (the upcast).</summary>
[Collection(PipelineCollection.Name)]
public sealed class OldCandidateTests(PipelineFixture fixture)
{
    private static readonly Candidate Point = Candidate.Point("mbv3-28:0,1,2,3");
    private static readonly Candidate Graph = Candidate.Graph(new string('d', 64));

    [Fact]
    public async Task Candidates_stored_as_bare_names_read_back_with_their_kinds()
    {
        var runId = Guid.NewGuid();
        var metrics = new Dictionary<string, double> { ["classification"] = 0.5 };
        IRunMessage[] events =
        [
            new ScoreCandidates(runId, Guid.NewGuid(), 0, ["classification"], [Point, Graph]),
            new CandidateScored(runId, Guid.NewGuid(), 0, 1, [new CandidateScore(Point, metrics, 0.1), new CandidateScore(Graph, metrics, 0.2)]),
            new GenerationCompleted(runId, 0, 0, [new FrontMember(Point, metrics), new FrontMember(Graph, metrics)], 0.5, 7),
            new AdaptSubnet(runId, Guid.NewGuid(), 0, Point, ["classification"], 7),
            new SubnetAdapted(runId, Guid.NewGuid(), Graph, metrics, new string('e', 64), 7),
        ];
        await fixture.Writer.AppendAsync(runId, events);

        // As older versions stored them: every {"kind": ..., "name": N} was the bare N.
        await using (var command = fixture.DataSource.CreateCommand(
                         $$"""UPDATE "{{fixture.Schema}}".mt_events SET data = regexp_replace(data::text, '\{"kind": "[a-z-]+", "name": ("[^"]*")\}', '\1', 'g')::jsonb WHERE stream_id = $1"""))
        {
            command.Parameters.AddWithValue(runId);
            Assert.Equal(events.Length, await command.ExecuteNonQueryAsync());
        }

        await using (var check = fixture.DataSource.CreateCommand($"""SELECT count(*) FROM "{fixture.Schema}".mt_events WHERE stream_id = $1 AND data::text LIKE '%"kind"%'"""))
        {
            check.Parameters.AddWithValue(runId);
            Assert.Equal(0L, await check.ExecuteScalarAsync());
        }

        var read = (await fixture.Reader.EventsAsync(runId)).Select(e => e.Data).ToList();

        Assert.Equal(events.Select(Json), read.Select(Json));
        Assert.Equal([CandidateKind.SpacePoint, CandidateKind.GraphBlob], read.OfType<ScoreCandidates>().Single().Candidates.Select(c => c.Kind));
    }

    [Fact]
    public void A_candidate_is_written_with_its_kind_and_an_unknown_kind_is_refused()
    {
        Assert.Equal("""{"kind":"graph-blob","name":"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"}""", JsonSerializer.Serialize(Graph));
        Assert.Equal(Point, JsonSerializer.Deserialize<Candidate>("""{"kind":"space-point","name":"mbv3-28:0,1,2,3"}"""));
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Candidate>("""{"kind":"kept-onnx","name":"x"}"""));
        Assert.Equal("Unknown candidate kind 'kept-onnx' (known: space-point, graph-blob, onnx-model).", error.Message);
    }

    private static string Json(object message) => JsonSerializer.Serialize(message, message.GetType());
}
