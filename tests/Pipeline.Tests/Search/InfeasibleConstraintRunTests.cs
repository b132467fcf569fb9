using System.Globalization;
using NasPipeline.ComputationGraph;
using NasPipeline.Contracts;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Hosting.Projections;
using NasPipeline.Search.Loop;
using NasPipeline.SearchSpaces;
using NasPipeline.Stages.GraphExtract;
using NasPipeline.Stages.Search;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Tests.Search;

/// <summary>A run whose constraint no network meets completes, and its status says so with the closest figure
/// (the Search stage's step against PostgreSQL, with the Predict stage played by a stub).</summary>
[Collection(PipelineCollection.Name)]
public sealed class InfeasibleConstraintRunTests(PipelineFixture fixture)
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly SearchSettings Budget = new(Population: 8, Generations: 2, Iterations: 1, AdaptPerIteration: 0, InitialSamples: 4);
    private static readonly Constraint Impossible = new(CostNames.Macs, ConstraintOperator.AtMost, 0.01, RelativeToSubmitted: true);

    [Fact]
    public async Task A_point_run_with_an_impossible_constraint_completes_saying_it_is_infeasible()
    {
        var space = Spaces.Get("mbv3-28");
        var point = space.Largest;
        var runId = Guid.NewGuid();
        var submitted = new ModelSubmitted(runId, DateTimeOffset.UtcNow, null, new SearchSpacePoint(space.Name, point), [], ["classification"],
            [new Objective("classification", ObjectiveDirection.Maximize), new Objective(CostNames.Macs, ObjectiveDirection.Minimize)], [Impossible], 4);
        var graph = new GraphExtracted(runId, new string('b', 64), 40, 39, space.Cost(point).Macs, space.Cost(point).Params, new Dictionary<string, int>(), "nasp", 8, 17, 1.0);
        await fixture.Writer.AppendAsync(runId, [submitted, graph]);

        await DriveAsync(graph, c => 1.0 - 1.0 / (2 + CandidateCodec.Genes(c).Sum()));

        // The smallest point is in every initial archive and no point of the space has fewer MACs.
        var closest = (double)space.Cost(space.Smallest).Macs / space.Cost(point).Macs;
        var summary = (await fixture.Reader.SummaryAsync(runId))!;
        Assert.Equal(RunStatus.Completed, summary.Status);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"completed — infeasible: no network meets macs<=0.01x (best has {closest:G2}x)"),
            RunText.Status(summary));

        var show = await NaspCli.RunAsync(fixture.Environment.ToDictionary(), "show", runId.ToString());
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"status      {RunText.Status(summary)}", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_onnx_mutation_run_with_an_impossible_constraint_completes_saying_it_is_infeasible()
    {
        var submission = (await Submissions.OfFileAsync(fixture.Blobs, "small_cnn_28.onnx", "1x1x28x28")) with { Constraints = [Impossible] };
        var extraction = new GraphExtractHandler(fixture.Blobs, fixture.Writer, new OnnxGraphExtractor(), Spaces, PipelineSubmissionCheck.Create(fixture.Store, TaskRegistry.CreateDefault(), Spaces));
        var graph = Assert.IsType<GraphExtracted>(Assert.Single(await extraction.HandleAsync(submission, default)));

        // Every mutant scores as the original does, so each round keeps a smaller network.
        var completed = await DriveAsync(graph, _ => 0.5);

        var options = new ExtractionOptions { InputShapes = [InputShape.Parse("1x1x28x28")] };
        var keptMacs = new OnnxGraphExtractor().Extract((await fixture.Blobs.GetAsync(completed.ModelBlobHash!))!, options).TotalMacs;
        var submittedMacs = new OnnxGraphExtractor().Extract(await File.ReadAllBytesAsync(RepoPaths.Fixture("small_cnn_28.onnx")), options).TotalMacs;
        Assert.True(keptMacs < submittedMacs, "the search kept the submitted network, so the figure would not show what it found");
        var summary = (await fixture.Reader.SummaryAsync(submission.RunId))!;
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"completed — infeasible: no network meets macs<=0.01x (best has {(double)keptMacs / submittedMacs:G2}x)"),
            RunText.Status(summary));
    }

    /// <summary>Runs the Search stage's step on the trigger and on the stub's answers until the search completes.</summary>
    private async Task<SearchCompleted> DriveAsync(GraphExtracted graph, Func<string, double> metric)
    {
        var decisions = new SearchHandler(fixture.Writer, fixture.Blobs, new NatSearchDecider(Spaces, Budget), new MutationSearchDecider(Budget), new FnaSearchDecider());
        var pending = new Queue<IRunMessage>([graph]);
        while (pending.TryDequeue(out var trigger))
        {
            var key = trigger is CandidateScored s ? $"scored/{s.RequestId}/{s.Batch}" : $"graph/{trigger.RunId}";
            foreach (var decided in await decisions.HandleAsync(trigger, key, default))
            {
                switch (decided)
                {
                    case ScoreCandidates request:
                        // Predict appends what it scored before publishing it; the test plays that part.
                        var scored = new CandidateScored(request.RunId, request.RequestId, request.Generation, 1,
                            request.Candidates.Select(c => new CandidateScore(c, new Dictionary<string, double> { ["classification"] = metric(c.Name) }, 0)).ToList());
                        await fixture.Writer.AppendAsync(scored.RunId, [scored]);
                        pending.Enqueue(scored);
                        break;
                    case SearchCompleted done:
                        Assert.Null(Assert.Single(done.BestUnderConstraints).Best);
                        return done;
                }
            }
        }

        throw new InvalidOperationException("The search stopped without completing.");
    }
}
