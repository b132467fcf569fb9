using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;
using NasPipeline.Stages.GraphExtract;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Tests.Search;

/// <summary>GraphExtract turns a search-space point into its network's graph, so the search can start from it.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PointSubmissionTests(PipelineFixture fixture)
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();

    [Theory]
    [InlineData("mbv3-28")]
    [InlineData("nasvit-hybrid")]
    public async Task A_point_is_extracted_with_the_space_s_exact_cost(string name)
    {
        var space = Spaces.Get(name);
        var point = space.Repair(space.Sample(new Random(5)));

        var stored = await Extraction().HandleAsync(Submission(name, point), default);

        var graph = Assert.IsType<GraphExtracted>(stored[^1]);
        Assert.Equal(space.Cost(point).Macs, graph.Macs);
        Assert.Equal(space.Cost(point).Params, graph.Params);
    }

    [Fact]
    public async Task A_point_of_the_wrong_length_is_rejected_with_a_reason()
    {
        var stored = await Extraction().HandleAsync(Submission("mbv3-28", [1, 2]), default);

        var rejected = Assert.IsType<SubmissionRejected>(stored[^1]);
        Assert.Equal("InvalidEncoding", rejected.Kind);
    }

    private GraphExtractHandler Extraction() =>
        new(fixture.Blobs, fixture.Writer, new OnnxGraphExtractor(), Spaces, PipelineSubmissionCheck.Create(fixture.Store, TaskRegistry.CreateDefault(), Spaces));

    private static ModelSubmitted Submission(string space, IReadOnlyList<int> point) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, null, new SearchSpacePoint(space, point), [], ["classification"],
            [new Objective("classification", ObjectiveDirection.Maximize)], [], 3);
}
