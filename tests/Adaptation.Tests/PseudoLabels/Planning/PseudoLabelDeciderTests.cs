using NasPipeline.Adaptation.PseudoLabels.Planning;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.SearchSpaces;

namespace NasPipeline.Adaptation.Tests.PseudoLabels.Planning;

/// <summary>The stage's order of work: a task's shared head before its first label, the oldest request first, one head
/// per task, and requests it cannot serve refused with the reason.</summary>
public sealed class PseudoLabelDeciderTests
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();
    private static readonly ISearchSpace Space = Spaces.Get("mbv3-28");
    private static readonly Guid Run = Guid.NewGuid();
    private readonly PseudoLabelDecider _decider = new(Spaces);

    [Fact]
    public void The_first_request_of_a_task_trains_its_head_then_requests_are_labelled_oldest_first_with_that_head()
    {
        var first = Request("segmentation", Space.Smallest);
        var second = Request("segmentation", Space.Largest);
        var state = Fold(first, second);

        var head = Assert.IsType<TrainSharedHeadStep>(_decider.Next(state));
        Assert.Equal(("segmentation", Space.Name, PseudoLabelDecider.HeadSeed(5, "segmentation")), (head.Task, head.Space, head.Seed));

        var trained = new SharedHeadTrained(Run, "segmentation", Space.Name, "supernet", "default", "head", 4, 1.0, head.Seed);
        state = state.Evolve(trained);
        var label = Assert.IsType<LabelStep>(_decider.Next(state));
        Assert.Equal((first.RequestId, trained), (label.Request.RequestId, label.Head));
        Assert.Equal(Space.Smallest, label.Genes);

        state = state.Evolve(Ready(first));
        Assert.Equal(second.RequestId, Assert.IsType<LabelStep>(_decider.Next(state)).Request.RequestId);
        state = state.Evolve(Ready(second));
        Assert.IsType<PseudoLabelIdle>(_decider.Next(state));
    }

    [Fact]
    public void Each_task_gets_its_own_head_and_a_label_seed_depends_on_its_network_and_task_only()
    {
        var state = Fold(Request("segmentation", Space.Smallest), Request("keypoints", Space.Smallest))
            .Evolve(new SharedHeadTrained(Run, "segmentation", Space.Name, "s", "default", "h1", 4, 1.0, 1));
        state = state.Evolve(Ready(state.Pending[0]));

        Assert.Equal("keypoints", Assert.IsType<TrainSharedHeadStep>(_decider.Next(state)).Task);
        var name = CandidateCodec.Encode(Space.Name, Space.Smallest);
        Assert.NotEqual(PseudoLabelDecider.LabelSeed(5, name, "segmentation"), PseudoLabelDecider.LabelSeed(5, name, "keypoints"));
        Assert.Equal(PseudoLabelDecider.LabelSeed(5, name, "segmentation"), PseudoLabelDecider.LabelSeed(5, name, "segmentation"));
        Assert.NotEqual(PseudoLabelDecider.HeadSeed(5, "segmentation"), PseudoLabelDecider.HeadSeed(6, "segmentation"));
    }

    [Fact]
    public void A_request_asked_twice_is_labelled_once_and_an_ended_run_is_left_alone()
    {
        var request = Request("segmentation", Space.Smallest);
        var state = Fold(request, request);
        Assert.Single(state.Pending);

        state = state.Evolve(new RunFailed(Run, "search", "stopped", DateTimeOffset.UtcNow));
        Assert.IsType<PseudoLabelIdle>(_decider.Next(state));
    }

    [Theory]
    [InlineData("graph:abc")]
    [InlineData("nowhere:1,2,3")]
    [InlineData("mbv3-28:0,1")]
    public void A_network_that_is_not_a_point_of_a_registered_space_is_refused_with_the_reason(string name)
    {
        var kind = name.StartsWith("graph", StringComparison.Ordinal) ? CandidateKind.GraphBlob : CandidateKind.SpacePoint;
        var state = Fold(new PseudoLabelRequested(Run, Guid.NewGuid(), "segmentation", new Candidate(kind, name), 5));

        var refused = Assert.IsType<PseudoLabelRefused>(_decider.Next(state));
        Assert.Contains(name, refused.Reason, StringComparison.Ordinal);
        Assert.Contains("mbv3-28", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_onnx_model_gets_a_head_over_the_default_space_then_is_labelled_from_its_blob_with_the_runs_input_shapes()
    {
        var model = new string('a', ContentHash.Length);
        var submitted = new ModelSubmitted(Run, DateTimeOffset.UtcNow, new OnnxModelRef(model, "model.onnx", 1), null, ["1x1x28x28"], ["classification", "segmentation"],
            [], [], 5);
        var request = new PseudoLabelRequested(Run, Guid.NewGuid(), "segmentation", Candidate.Model(model), 5);
        var state = Fold(submitted, request);

        var head = Assert.IsType<TrainSharedHeadStep>(_decider.Next(state));
        Assert.Equal(("segmentation", PseudoLabelDecider.DefaultNetworkHeadSpace), (head.Task, head.Space));

        var trained = new SharedHeadTrained(Run, "segmentation", head.Space, "supernet", "default", "head", 4, 1.0, head.Seed);
        var label = Assert.IsType<LabelModelStep>(_decider.Next(state.Evolve(trained)));
        Assert.Equal((request.RequestId, model, trained), (label.Request.RequestId, label.ModelBlobHash, label.Head));
        Assert.Equal(["1x1x28x28"], label.InputShapes);
        Assert.Equal(PseudoLabelDecider.LabelSeed(5, model, "segmentation"), label.Seed);

        var named = Fold(new PseudoLabelRequested(Run, Guid.NewGuid(), "segmentation", Candidate.Model("model.onnx"), 5));
        Assert.Contains("model.onnx", Assert.IsType<PseudoLabelRefused>(_decider.Next(named)).Reason, StringComparison.Ordinal);
        var elsewhere = new PseudoLabelDecider(Spaces, "nowhere");
        Assert.Contains("nowhere", Assert.IsType<PseudoLabelRefused>(elsewhere.Next(state)).Reason, StringComparison.Ordinal);
    }

    private static PseudoLabelRequested Request(string task, IReadOnlyList<int> genes) =>
        new(Run, Guid.NewGuid(), task, Candidate.Point(CandidateCodec.Encode(Space.Name, genes)), 5);

    private static PseudoLabelReady Ready(PseudoLabelRequested request) =>
        new(Run, request.RequestId, request.Task, [new PseudoLabel(request.Architecture, 0.5)], 1, 1.0, "s", "h");

    private static PseudoLabelRunState Fold(params object[] events) => events.Aggregate(PseudoLabelRunState.Empty, (s, e) => s.Evolve(e));
}
