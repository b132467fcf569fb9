using System.Text.Json;
using Marten;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Hosting.Projections;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.Stages.Search;
using NasPipeline.Tests.Infrastructure;

namespace NasPipeline.Tests.Search;

/// <summary>The search stage's step against the real PostgreSQL event store, with the Predict stage played by a stub.</summary>
[Collection(PipelineCollection.Name)]
public sealed class SearchHandlerTests(PipelineFixture fixture)
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly SearchSettings Budget = new(Population: 8, Generations: 3, Iterations: 1, AdaptPerIteration: 0, InitialSamples: 6);

    [Fact]
    public async Task A_point_run_reaches_search_completed_with_every_decision_stored_once()
    {
        var (runId, graph) = await SubmitPointAsync();
        var decisions = new SearchHandler(fixture.Writer, fixture.Blobs, new NatSearchDecider(Spaces, Budget), new MutationSearchDecider(Budget), new FnaSearchDecider());

        var first = await decisions.HandleAsync(graph, $"graph/{runId}", default);
        var redelivered = await decisions.HandleAsync(graph, $"graph/{runId}", default);
        Assert.IsType<SearchStarted>(first[0]);
        Assert.Equal(Json(first), Json(redelivered));

        var pending = new Queue<ScoreCandidates>(first.OfType<ScoreCandidates>());
        while (pending.TryDequeue(out var request))
        {
            // Predict appends what it scored before publishing it; the test plays that part.
            var scored = Score(request);
            await fixture.Writer.AppendAsync(runId, [scored]);
            var decided = await decisions.HandleAsync(scored, $"scored/{scored.RequestId}", default);

            // Regression: the appended trigger came back for publishing, and the stage consumed it again forever.
            Assert.DoesNotContain(decided, m => m is CandidateScored);
            var again = await decisions.HandleAsync(scored, $"scored/{scored.RequestId}", default);
            Assert.Equal(decided.Select(m => m.GetType()), again.Select(m => m.GetType()));
            foreach (var next in decided.OfType<ScoreCandidates>())
            {
                pending.Enqueue(next);
            }

            Assert.Empty(await decisions.HandleAsync(scored, $"scored-again/{scored.RequestId}", default));
        }

        var stream = await StreamAsync(runId);
        Assert.IsType<SearchCompleted>(stream[^1]);
        Assert.Equal(Budget.Generations + 1, stream.OfType<GenerationCompleted>().Count());
        Assert.Equal(Budget.Generations + 1, stream.OfType<CandidateScored>().Count());
        Assert.Empty(new NatSearchDecider(Spaces, Budget).Decide(RunState.Fold(stream)));
        Assert.Equal(RunStatus.Completed, (await fixture.Reader.SummaryAsync(runId))!.Status);

        // replay --redrive: the stored inputs, read back from PostgreSQL, give every stored decision again.
        var redrive = SearchRedrive.Check(stream, Spaces);
        Assert.True(redrive.Identical, $"{redrive.Recorded}\n!=\n{redrive.Redriven}");
    }

    private async Task<(Guid RunId, GraphExtracted Graph)> SubmitPointAsync()
    {
        var runId = Guid.NewGuid();
        var space = Spaces.Get("mbv3-28");
        var point = space.Repair(space.Largest.Select(g => g / 2).ToArray());
        var cost = space.Cost(point);
        var submitted = new ModelSubmitted(runId, DateTimeOffset.UtcNow, null, new SearchSpacePoint(space.Name, point), ["1x1x28x28"],
            ["classification"], [new Objective("classification", ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)],
            [new Constraint(CostNames.Macs, ConstraintOperator.AtMost, 0.9, RelativeToSubmitted: true)], 11);
        var graph = new GraphExtracted(runId, new string('b', 64), 40, 39, cost.Macs, cost.Params, new Dictionary<string, int>(), "nasp", 8, 17, 1.0);
        await fixture.Writer.AppendAsync(runId, [submitted, graph]);
        return (runId, graph);
    }

    private static CandidateScored Score(ScoreCandidates request) => new(request.RunId, Guid.NewGuid(), request.Generation, 1,
        request.Candidates.Select(c => new CandidateScore(c,
            new Dictionary<string, double> { ["classification"] = 0.9 - 1.0 / (1 + CandidateCodec.Genes(c.Name).Sum()) }, 0.0)).ToList());

    private async Task<List<object>> StreamAsync(Guid runId)
    {
        await using var session = fixture.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(runId)).Select(e => e.Data).ToList();
    }

    private static string Json(IEnumerable<IRunMessage> messages) =>
        string.Join("\n", messages.Select(m => JsonSerializer.Serialize(m, m.GetType())));
}
