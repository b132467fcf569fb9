using NasPipeline.ComputationGraph.Onnx.Proto;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Costs;
using NasPipeline.Tests.Shared.Onnx;
using NasPipeline.Vision.Heads;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Tests;

/// <summary>A chain classifier another exporter wrote (no metadata, BN folded or not, Gemm or MatMul) reads as the same
/// network: the file's own outputs in ONNX Runtime equal the read network's; what is not a chain is refused by name.</summary>
public sealed class ChainOnnxRecognizerTests
{
    private static readonly ChainArchitecture Mixed = ChainArchitecture.MobileNetV2Like()
        .WithLayers([[LayerOp.MbConv(5, 3), LayerOp.Skip, LayerOp.MbConv(5, 3)], [LayerOp.MbConv(3, 6)], [LayerOp.MbConv(7, 6)], [LayerOp.MbConv(3, 3), LayerOp.MbConv(5, 6)]]);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void A_foreign_export_of_a_chain_reads_as_a_network_computing_what_the_file_computes(bool foldBatchNorm, bool matMulClassifier)
    {
        var (file, _) = ProjectFile(7);
        var foreign = ForeignExport.Of(file, foldBatchNorm, matMulClassifier);
        var images = Networks.Images(17, 3);

        var (read, head) = ChainOnnxReader.ReadClassifier(foreign);

        // A skipped layer leaves nothing in a file: the chain read back has only the blocks.
        Assert.Equal(Mixed.WithLayers(Mixed.Stages.Select(s => s.Blocks).ToList()).Describe(), read.Architecture.Describe());
        var logits = head.call(read.Forward(images)).data<float>().ToArray();
        var outputs = OnnxRuntimeRun.On(foreign, [3, 1, 28, 28], images.data<float>().ToArray());
        var runtime = Assert.Single(outputs).Value;
        Assert.Equal([3L, 10L], runtime.Shape);
        var worst = logits.Zip(runtime.Values).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-4, $"worst {worst}");
    }

    [Fact]
    public void A_folded_bn_becomes_the_bn_that_adds_the_bias()
    {
        var (file, _) = ProjectFile(8);

        var chain = ChainOnnxRecognizer.Recognize(ModelProto.Parser.ParseFrom(ForeignExport.Of(file, foldBatchNorm: true)));

        // The stem: its conv weight, then γ = 1, β = the folded bias, mean 0, variance 1 - ε.
        var stem = chain.Tensors.Take(5).ToList();
        Assert.Equal([16L, 1, 3, 3], stem[0].Dims);
        Assert.All(stem[1].Values, g => Assert.Equal(1f, g));
        Assert.All(stem[3].Values, m => Assert.Equal(0f, m));
        Assert.All(stem[4].Values, v => Assert.Equal((float)(1 - 1e-5), v));
        var model = ModelProto.Parser.ParseFrom(ForeignExport.Of(file, foldBatchNorm: true));
        var stemConv = model.Graph.Node.First(n => n.OpType == "Conv");
        Assert.Equal(ChainOnnxReader.Floats(model.Graph.Initializer.Single(t => t.Name == stemConv.Input[2])), stem[2].Values);
    }

    [Theory]
    [InlineData("relu6", "is followed by Clip (ReLU6); the chain's activation is ReLU.")]
    [InlineData("stride-2 stem", "(the stem) has strides [2,2]; the chain has stride 1 here.")]
    [InlineData("no residual", "keeps stride and width but does not add its input back.")]
    [InlineData("stripped", "has no values in the file (a stripped export)")]
    public void What_is_not_a_chain_is_refused_naming_the_node_and_what_the_chain_has(string change, string expected)
    {
        var (file, _) = ProjectFile(9);
        var foreign = ForeignExport.Of(file, foldBatchNorm: true, edit: graph => Break(graph, change));

        var error = Assert.ThrowsAny<FormatException>(() => ChainOnnxReader.ReadClassifier(foreign));

        // A stripped file may well be a chain: what it lacks is weights, and it is told so plainly.
        Assert.Equal(change != "stripped", error.Message.StartsWith("The model is not a MobileNetV2-like chain classifier", StringComparison.Ordinal));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static void Break(GraphProto graph, string change)
    {
        switch (change)
        {
            case "relu6":
                var relu = graph.Node.First(n => n.OpType == "Relu");
                relu.OpType = "Clip";
                relu.Attribute.Add(new AttributeProto { Name = "min", F = 0, Type = AttributeProto.Types.AttributeType.Float });
                relu.Attribute.Add(new AttributeProto { Name = "max", F = 6, Type = AttributeProto.Types.AttributeType.Float });
                break;
            case "stride-2 stem":
                var strides = graph.Node.First(n => n.OpType == "Conv").Attribute.Single(a => a.Name == "strides");
                strides.Ints.Clear();
                strides.Ints.Add([2, 2]);
                break;
            case "no residual":
                var add = graph.Node.First(n => n.OpType == "Add");
                // The block's own projection is the later of the two values the Add reads.
                var projection = add.Input.MaxBy(i => graph.Node.IndexOf(graph.Node.Single(n => n.Output.Contains(i))))!;
                ForeignExport.Rewire(graph, add.Output[0], projection);
                graph.Node.Remove(add);
                break;
            case "stripped":
                graph.Initializer.First(t => t.Dims.Count == 4).RawData = Google.Protobuf.ByteString.Empty;
                break;
        }
    }

    /// <summary>A seeded chain with non-trivial BN statistics and its head, as the project writes it.</summary>
    private static (byte[] File, PooledLinearHead Head) ProjectFile(int seed)
    {
        using var network = Networks.Seed(seed, Mixed);
        random.manual_seed(seed);
        var head = new PooledLinearHead(network.Features, 10);
        head.eval();
        return (ChainOnnx.WriteClassifier(network, head, 28), head);
    }
}
