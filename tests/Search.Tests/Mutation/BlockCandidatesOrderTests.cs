using NasPipeline.ComputationGraph;
using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Search.Tests.Mutation;

/// <summary>
/// The removable residual blocks found with the node list's topological order (a walk stops at a node above the skip)
/// against the plain walk, which a list out of order gets: the same blocks.
/// </summary>
public sealed class BlockCandidatesOrderTests
{
    [Theory]
    [InlineData("resnet18.onnx", 5)]
    [InlineData("mobilenet_v2.onnx", 10)]
    [InlineData("resnet50.onnx", 12)]
    public void The_cut_walk_finds_the_blocks_the_full_walk_finds(string file, int blocks)
    {
        var bytes = Fixtures.Read(file);
        var shapes = TensorShapes.Of(new OnnxGraphExtractor().Extract(bytes, ExtractionOptions.ForInput("1x3x224x224")));
        var sorted = BlockRemoval.Candidates(OnnxModelEditor.Parse(bytes), shapes);

        var proto = ModelProto.Parser.ParseFrom(bytes);
        var reversed = proto.Graph.Node.Reverse().ToList();
        proto.Graph.Node.Clear();
        proto.Graph.Node.AddRange(reversed);
        var unsorted = OnnxModelEditor.Parse(Google.Protobuf.MessageExtensions.ToByteArray(proto));
        var model = OnnxModelEditor.Parse(bytes);
        var order = TopologicalOrder.Of(unsorted.Nodes, unsorted.Nodes.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n), unsorted.Constants());

        Assert.Equal(-1, order.PositionOf(unsorted.Nodes[0]));
        Assert.Equal(BlockRemoval.Candidates(unsorted, shapes).OrderBy(b => b.AddNode, StringComparer.Ordinal), sorted.OrderBy(b => b.AddNode, StringComparer.Ordinal));
        Assert.Equal(blocks, sorted.Count);
        Assert.Equal(sorted, BlockRemoval.Candidates(model, shapes));
    }

    [Fact]
    public void A_node_fed_by_initialisers_alone_counts_as_constant_and_positions_follow_the_list()
    {
        // x -> Conv -> Reshape(conv, Shape(constant)): the writer's constant is a Constant node; it and the Shape of it
        // compute from constants alone.
        var w = new NasPipeline.ComputationGraph.Writing.OnnxModelWriter().Input("x", 1, 8, TinyModels.Side, TinyModels.Side);
        var conv = TinyModels.Conv(w, "x", 8, 16, 1);
        var shape = w.Node("Shape", [w.Int64s(1, 16, 64)]);
        var model = OnnxModelEditor.Parse(w.Output(w.Node("Reshape", [conv, shape])).Build());
        var producers = model.Nodes.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
        var order = TopologicalOrder.Of(model.Nodes, producers, model.Constants());

        Assert.Equal(Enumerable.Range(0, model.Nodes.Count), model.Nodes.Select(order.PositionOf));
        Assert.Equal(["Constant", "Shape"], model.Nodes.Where(order.FromConstantsOnly).Select(n => n.OpType));
    }
}
