using NasPipeline.ComputationGraph;
using NasPipeline.Contracts.Commands;
using NasPipeline.Contracts.Events;
using NasPipeline.Contracts.Model;
using NasPipeline.Search.Loop;
using NasPipeline.Search.Mutation;
using NasPipeline.Search.Tests.Mutation;
using Graph = NasPipeline.ComputationGraph.ComputationGraph;

namespace NasPipeline.Search.Tests.Loop;

/// <summary>AIO-P's labels before a mutation search (<c>--pseudo-labels N</c> on an ONNX run): the submitted network and a
/// seeded chain of its mutants, each as a graph with its weighted model, per task; the original is scored only once every
/// label is in.</summary>
public sealed class MutationPseudoLabelTests
{
    private static readonly Guid RunId = Guid.Parse("6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b");
    private static readonly byte[] Onnx = Fixtures.Read("small_cnn_28.onnx");
    private static readonly ExtractionOptions Extraction = new() { InputShapes = [InputShape.Parse("1x1x28x28")] };
    private static readonly Graph Original = new OnnxGraphExtractor().Extract(Onnx, Extraction);
    private static readonly string OriginalName = ContentHash.Of(ComputationGraphJson.SerializeToUtf8Bytes(Original));
    private static readonly MutationSearchDecider Decider = new(new SearchSettings(Population: 4, Generations: 2, PseudoLabels: 5));

    [Fact]
    public void The_model_and_a_chain_of_its_mutants_are_asked_for_per_task_as_graphs_with_their_weighted_models_before_any_scoring()
    {
        var stream = Submitted();
        var first = Decider.Decide(RunState.Fold(stream), Onnx);
        stream.AddRange(first.Messages);

        Assert.Equal(5, Assert.IsType<SearchStarted>(first.Messages[0]).PseudoLabels);
        Assert.Empty(first.Messages.OfType<ScoreCandidates>());
        var requests = first.Messages.OfType<PseudoLabelRequested>().ToList();
        Assert.Equal(10, requests.Count);
        var networks = requests.Where(r => r.Task == "segmentation").ToList();
        Assert.Equal(requests.Where(r => r.Task == "classification").Select(r => (r.Architecture, r.ModelBlobHash)),
            networks.Select(r => (r.Architecture, r.ModelBlobHash)));
        Assert.All(requests, r => Assert.Equal(CandidateKind.GraphBlob, r.Architecture.Kind));
        Assert.Equal(OriginalName, networks[0].Architecture.Name);

        // Each further network is one more edit down the chain: fewer MACs each time, and its stored model is that graph
        // with weights (ONNX Runtime runs it, and it extracts to the same cost).
        var macs = new List<long> { Original.TotalMacs };
        foreach (var request in networks.Skip(1))
        {
            var graph = ComputationGraphJson.Deserialize(System.Text.Encoding.UTF8.GetString(first.Blobs[request.Architecture.Name]));
            var model = first.Models![request.ModelBlobHash!];
            Assert.Equal(request.ModelBlobHash, ContentHash.Of(model));
            Assert.Equal(graph.TotalMacs, new OnnxGraphExtractor().Extract(model, Extraction).TotalMacs);
            Assert.Equal([1L, 10], NasPipeline.Tests.Shared.Onnx.OnnxRuntimeRun.OnRandomInput(model, seed: 1).Values.Single().Shape);
            macs.Add(graph.TotalMacs);
        }

        Assert.True(macs.Zip(macs.Skip(1)).All(p => p.Second < p.First), string.Join(", ", macs));
        Assert.True(first.Models!.ContainsKey(networks[0].ModelBlobHash!));

        // Asked once; the original is scored once the last label is in.
        Assert.Empty(Decider.Decide(RunState.Fold(stream), Onnx).Messages);
        var allButOne = new List<object>(stream);
        allButOne.AddRange(requests.Skip(1).Select(Label));
        Assert.Empty(Decider.Decide(RunState.Fold(allButOne), Onnx).Messages);
        var all = new List<object>(allButOne) { Label(requests[0]) };
        var scoring = Assert.IsType<ScoreCandidates>(Assert.Single(Decider.Decide(RunState.Fold(all), Onnx).Messages));
        Assert.Equal([Candidate.Graph(OriginalName)], scoring.Candidates);
    }

    [Fact]
    public void The_same_seed_asks_for_the_same_networks_and_a_run_without_pseudo_labels_asks_for_none()
    {
        var once = Decider.Decide(RunState.Fold(Submitted()), Onnx).Messages.OfType<PseudoLabelRequested>().ToList();
        var again = Decider.Decide(RunState.Fold(Submitted()), Onnx).Messages.OfType<PseudoLabelRequested>().ToList();

        Assert.Equal(once, again);
        var plain = new MutationSearchDecider(new SearchSettings(Population: 4, Generations: 2)).Decide(RunState.Fold(Submitted()), Onnx).Messages;
        Assert.Empty(plain.OfType<PseudoLabelRequested>());
        Assert.Single(plain.OfType<ScoreCandidates>());
    }

    [Theory]
    [InlineData(10, 8, 2)]
    [InlineData(14, 8, 2)]
    [InlineData(15, 8, 3)]
    [InlineData(2, 5, 1)]
    [InlineData(0, 8, 1)]
    [InlineData(10, 1, 1)]
    public void Consecutive_networks_are_as_many_edits_apart_as_spread_the_labels_over_the_searchs_rounds(int rounds, int count, int expected) =>
        Assert.Equal(expected, MutantChain.EditsPerStep(rounds, count));

    [Fact]
    public void A_chain_of_three_edits_a_step_is_every_third_network_of_the_one_edit_chain_of_the_same_seed()
    {
        var extractor = new OnnxGraphExtractor();
        var single = MutantChain.Of(Onnx, Extraction, extractor, count: 7, seed: 3);
        var triple = MutantChain.Of(Onnx, Extraction, extractor, count: 3, seed: 3, editsPerStep: 3);

        Assert.Equal([0, 3, 6], triple.Select(n => n.Edits));
        Assert.Equal([single[0].GraphHash, single[3].GraphHash, single[6].GraphHash], triple.Select(n => n.GraphHash));
        Assert.Equal([single[0].ModelHash, single[3].ModelHash, single[6].ModelHash], triple.Select(n => n.ModelHash));
    }

    private static List<object> Submitted() =>
    [
        new ModelSubmitted(RunId, DateTimeOffset.UnixEpoch, new OnnxModelRef(ContentHash.Of(Onnx), "small_cnn_28.onnx", Onnx.Length), null,
            ["1x1x28x28"], ["classification", "segmentation"],
            [new Objective("classification", ObjectiveDirection.Maximize), new Objective("segmentation", ObjectiveDirection.Maximize)], [], 3),
        new GraphExtracted(RunId, OriginalName, Original.Nodes.Count, Original.Edges.Count, Original.TotalMacs, Original.TotalParams,
            new Dictionary<string, int>(), "test", 8, 13, 1.0),
    ];

    private static PseudoLabelReady Label(PseudoLabelRequested request) =>
        new(request.RunId, request.RequestId, request.Task, [new PseudoLabel(request.Architecture, 0.5)], 1, 1.0, "s", "h");
}
