using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;
using NasPipeline.SubmissionChecks;

namespace NasPipeline.Tests.Submission;

/// <summary>The submission check as a plain class: the predictor registry is a delegate here, no database.</summary>
public sealed class SubmissionCheckTests
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly ISearchSpace Mbv3 = Spaces.Get("mbv3-28");

    [Fact]
    public async Task An_out_of_range_point_gene_is_refused_naming_the_gene_its_value_and_range()
    {
        var genes = Mbv3.Smallest.ToArray();
        genes[0] = 99;

        var problems = await Check().CheckAsync(Point("mbv3-28", genes));

        Assert.Equal([new SubmissionProblem(SubmissionProblem.InvalidEncoding, "mbv3-28: gene 0 'resolution' is 99, outside its range 0..2.")], problems);
    }

    [Fact]
    public async Task A_wrong_gene_count_is_refused_with_the_space_s_count()
    {
        var problems = await Check().CheckAsync(Point("mbv3-28", Mbv3.Smallest.Take(12).ToArray()));

        Assert.Equal("mbv3-28 has 14 genes, got 12.", Assert.Single(problems).Message);
    }

    [Fact]
    public async Task An_unknown_space_is_refused_with_the_known_ones()
    {
        var problems = await Check().CheckAsync(Point("resnet-zoo", [1, 2]));

        Assert.Equal(new SubmissionProblem(SubmissionProblem.UnknownSearchSpace,
            "Search space 'resnet-zoo' is not registered in this pipeline (known: mbv3-28, nasvit-hybrid)."), Assert.Single(problems));
    }

    [Fact]
    public async Task An_unknown_task_is_refused_with_the_built_in_and_registered_ones()
    {
        var problems = await Check(registered: ["flowers"]).CheckAsync(Point("mbv3-28", Mbv3.Smallest) with { Tasks = ["classification", "depth"] });

        Assert.Equal(new SubmissionProblem(SubmissionProblem.UnknownTask,
            "Task 'depth' is unknown: the built-in tasks are classification, segmentation; tasks with a registered predictor: flowers " +
            "(register one with `nasp predictor train ... --for depth`)."), Assert.Single(problems));
    }

    [Fact]
    public async Task A_task_with_a_registered_predictor_is_known()
    {
        var asked = 0;
        var tasks = new KnownTasks(["classification"], _ =>
        {
            asked++;
            return Task.FromResult<IReadOnlyCollection<string>>(["flowers"]);
        });
        var check = new SubmissionCheck(Spaces, tasks, new StageCapabilities(Adapt: false));

        Assert.Empty(await check.CheckAsync(Point("mbv3-28", Mbv3.Smallest) with { Tasks = ["flowers"] }));
        Assert.Equal(1, asked);
        Assert.Empty(await check.CheckAsync(Point("mbv3-28", Mbv3.Smallest)));
        Assert.Equal(1, asked);
    }

    [Fact]
    public async Task Adaptation_is_refused_while_no_Adapt_stage_serves_it_and_accepted_once_one_does()
    {
        var submission = Point("mbv3-28", Mbv3.Smallest) with { Budget = new SearchBudget(AdaptPerIteration: 2) };

        var refused = await Check().CheckAsync(submission);
        var accepted = await Check(adapt: true).CheckAsync(submission);

        Assert.Equal(new SubmissionProblem(SubmissionProblem.StageUnavailable,
            "adaptation needs the Adapt stage, which is not available yet; use --adapt 0."), Assert.Single(refused));
        Assert.Empty(accepted);
        Assert.True(StageCapabilities.Current.Adapt);
    }

    [Fact]
    public async Task A_submitted_network_may_ask_for_adaptation_once_the_adapt_stage_serves()
    {
        var submission = Point("mbv3-28", Mbv3.Smallest) with
        {
            Point = null,
            Onnx = new OnnxModelRef(new string('a', 64), "model.onnx", 100),
            Budget = new SearchBudget(AdaptPerIteration: 1),
        };

        Assert.Empty(await Check(adapt: true).CheckAsync(submission));
        Assert.Equal(SubmissionProblem.StageUnavailable, Assert.Single(await Check(adapt: false).CheckAsync(submission)).Kind);
    }

    [Fact]
    public async Task Every_problem_is_reported_and_the_refusal_is_one_line()
    {
        var genes = Mbv3.Smallest.ToArray();
        genes[1] = 3;
        var submission = Point("mbv3-28", genes) with { Tasks = ["depth"], Budget = new SearchBudget(AdaptPerIteration: 1) };

        var refusal = await Check().RefusalAsync(submission);

        Assert.NotNull(refusal);
        Assert.StartsWith("mbv3-28: gene 1 'width' is 3, outside its range 0..2. adaptation needs the Adapt stage", refusal, StringComparison.Ordinal);
        Assert.Contains("Task 'depth' is unknown", refusal, StringComparison.Ordinal);
        Assert.Null(await Check().RefusalAsync(Point("mbv3-28", Mbv3.Largest)));
    }

    [Fact]
    public async Task A_message_with_null_members_is_left_to_the_validator_without_throwing()
    {
        var bare = new ModelSubmitted(Guid.NewGuid(), default, null, new SearchSpacePoint(null!, null!), null!, null!, null!, null!, 0);

        Assert.Empty(await Check().CheckAsync(bare));
    }

    private static SubmissionCheck Check(IReadOnlyCollection<string>? registered = null, bool adapt = false) =>
        new(Spaces, new KnownTasks(["segmentation", "classification"], _ => Task.FromResult(registered ?? [])), new StageCapabilities(adapt));

    private static ModelSubmitted Point(string space, IReadOnlyList<int> genes) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, null, new SearchSpacePoint(space, genes), [], ["classification"],
            [new Objective("classification", ObjectiveDirection.Maximize)], [], 1);
}
