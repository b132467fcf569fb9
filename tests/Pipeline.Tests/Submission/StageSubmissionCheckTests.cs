using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Prediction.Registry;
using NasPipeline.Prediction.Store;
using NasPipeline.SearchSpaces;
using NasPipeline.Stages.GraphExtract;
using NasPipeline.SubmissionChecks;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Tests.Submission;

/// <summary>The GraphExtract stage checks what other clients publish, with the pipeline's known tasks (Vision's and the
/// predictor registry in PostgreSQL), and records the refusal as the run's SubmissionRejected.</summary>
[Collection(PipelineCollection.Name)]
public sealed class StageSubmissionCheckTests(PipelineFixture fixture)
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly ISearchSpace Mbv3 = Spaces.Get("mbv3-28");

    [Fact]
    public async Task Point_gene_99_is_rejected_instead_of_running_as_the_largest_choice()
    {
        var genes = Mbv3.Largest.ToArray();
        genes[0] = 99;

        var rejected = Assert.IsType<SubmissionRejected>((await Extraction().HandleAsync(Submission(genes), default))[^1]);

        Assert.Equal((GraphExtractHandler.StageName, SubmissionProblem.InvalidEncoding), (rejected.Stage, rejected.Kind));
        Assert.Equal("mbv3-28: gene 0 'resolution' is 99, outside its range 0..2.", rejected.Reason);
    }

    [Fact]
    public async Task An_unknown_task_is_rejected_and_one_with_a_registered_predictor_runs()
    {
        var task = $"stage-check-{Guid.NewGuid():N}"[..24];

        var before = await Extraction().HandleAsync(Submission(Mbv3.Smallest, task), default);
        await new PredictorRegistry(fixture.Store).RegisterAsync(new TaskPredictorRegistration { Id = task, Model = "gnn", WeightsBlobHash = new string('f', 64) });
        var after = await Extraction().HandleAsync(Submission(Mbv3.Smallest, task), default);

        var rejected = Assert.IsType<SubmissionRejected>(before[^1]);
        Assert.Equal(SubmissionProblem.UnknownTask, rejected.Kind);
        Assert.StartsWith($"Task '{task}' is unknown: the built-in tasks are classification, denoising, detection, keypoints, segmentation;", rejected.Reason, StringComparison.Ordinal);
        Assert.IsType<GraphExtracted>(after[^1]);
    }

    [Fact]
    public async Task Adaptation_of_a_point_is_accepted_now_that_the_Adapt_stage_serves_it()
    {
        var submission = Submission(Mbv3.Smallest) with { Budget = new SearchBudget(AdaptPerIteration: 2) };

        var decided = await Extraction().HandleAsync(submission, default);

        Assert.IsType<GraphExtracted>(decided[^1]);
        Assert.DoesNotContain(decided, e => e is SubmissionRejected);
    }

    private GraphExtractHandler Extraction() =>
        new(fixture.Blobs, fixture.Writer, new OnnxGraphExtractor(), Spaces, PipelineSubmissionCheck.Create(fixture.Store, TaskRegistry.CreateDefault(), Spaces));

    private static ModelSubmitted Submission(IReadOnlyList<int> genes, string task = "classification") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, null, new SearchSpacePoint(Mbv3.Name, genes), [], [task],
            [new Objective(task, ObjectiveDirection.Maximize)], [], 3);
}
