using NasPipeline.ComputationGraph;
using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Costs;
using NasPipeline.Fna.Super;
using NasPipeline.Tests.Shared.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Tests;

/// <summary>A chain's ONNX runs in ONNX Runtime to the network's own outputs, and the cost model's MACs per candidate
/// are the convolutions' multiply-accumulates counted by hand.</summary>
public sealed class ChainOnnxTests
{
    [Fact]
    public void A_chain_written_as_onnx_runs_in_onnx_runtime_to_its_own_outputs()
    {
        var k5 = LayerOp.MbConv(5, 3);
        using var network = Networks.Seed(3, ChainArchitecture.MobileNetV2Like().WithLayers([[k5, LayerOp.Skip, k5], [k5], [LayerOp.MbConv(7, 6)], [k5, k5]]));
        var images = Networks.Images(11, 2);
        var expected = network.Forward(images);

        var outputs = OnnxRuntimeRun.On(ChainOnnx.Write(network, 28), [2, 1, 28, 28], images.data<float>().ToArray());

        Assert.Equal(expected.Length, outputs.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = outputs[$"level{i}"];
            Assert.Equal(expected[i].shape, actual.Shape);
            var worst = expected[i].data<float>().ToArray().Zip(actual.Values).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst < 1e-4, $"level {i}: {worst}");
        }
    }

    [Fact]
    public void A_classifier_written_as_onnx_gives_onnx_runtime_the_heads_logits()
    {
        using var network = Networks.Seed(4);
        random.manual_seed(4);
        var head = new NasPipeline.Vision.Heads.PooledLinearHead(network.Features, 10);
        head.eval();
        var images = Networks.Images(12, 3);
        var expected = head.call(network.Forward(images)).data<float>().ToArray();

        var logits = OnnxRuntimeRun.On(ChainOnnx.WriteClassifier(network, head, 28), [3, 1, 28, 28], images.data<float>().ToArray())["logits"];

        Assert.Equal([3L, 10L], logits.Shape);
        var worst = expected.Zip(logits.Values).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-4, $"worst {worst}");
    }

    [Fact]
    public void A_classifier_reads_back_to_the_same_network_and_head()
    {
        var k5 = LayerOp.MbConv(5, 3);
        using var network = Networks.Seed(5, ChainArchitecture.MobileNetV2Like().WithLayers([[k5, LayerOp.Skip, k5], [k5], [LayerOp.MbConv(7, 6)], [k5, k5]]));
        random.manual_seed(5);
        var head = new NasPipeline.Vision.Heads.PooledLinearHead(network.Features, 10);
        head.eval();
        var images = Networks.Images(13, 2);

        var (read, readHead) = ChainOnnxReader.ReadClassifier(ChainOnnx.WriteClassifier(network, head, 28));

        Assert.Equal(network.Architecture.Describe(), read.Architecture.Describe());
        Assert.True(head.call(network.Forward(images)).eq(readHead.call(read.Forward(images))).all().item<bool>());
    }

    [Fact]
    public void A_backbone_without_a_classifier_is_refused_with_the_reason()
    {
        using var network = Networks.Seed(6);

        var error = Assert.Throws<FormatException>(() => ChainOnnxReader.ReadClassifier(ChainOnnx.Write(network, 28)));

        Assert.Contains("no classifier", error.Message);
    }

    [Theory]
    [InlineData("16 | 24/s2: k3e6 k3e6 | 32/s1: k5e3 skip k7e6", true)]
    [InlineData("16 | 24/s2: skip k3e6", false)]
    [InlineData("16 | 24s2: k3e6", false)]
    [InlineData("16 | 24/s2: k4e6", false)]
    [InlineData("sixteen | 24/s2: k3e6", false)]
    public void Architecture_text_parses_back_or_says_what_is_wrong(string text, bool valid)
    {
        if (valid)
        {
            Assert.Equal(text, ChainArchitecture.Parse(text, 1).Describe());
        }
        else
        {
            Assert.ThrowsAny<Exception>(() => ChainArchitecture.Parse(text, 1));
        }
    }

    [Fact]
    public void Candidate_macs_are_the_convolutions_multiply_accumulates()
    {
        random.manual_seed(1);
        using var super = new SuperChain(ChainArchitecture.MobileNetV2Like(), SuperNetworkSpace.Default);

        var costs = SuperChainCosts.Measure(super, 28);

        // Stem: 16 filters of 1x3x3 over 28x28.
        Assert.Equal(16L * 9 * 28 * 28, costs.FixedMacs);
        // Stage 0, layer 0 (16 -> 24, stride 2: 28 -> 14), k5 e3: expand 16->48 at 28x28, depthwise 5x5 over 48
        // channels at 14x14, project 48->24 at 14x14.
        var k5e3 = super.Space.Candidates(false).ToList().IndexOf(LayerOp.MbConv(5, 3));
        Assert.Equal((16L * 48 * 28 * 28) + (48L * 25 * 14 * 14) + (48L * 24 * 14 * 14), costs.CandidateMacs[0][k5e3]);
        // Stage 1, layer 2 (32 -> 32 at 7x7), k7 e6, and its skip.
        var k7e6 = super.Space.Candidates(true).ToList().IndexOf(LayerOp.MbConv(7, 6));
        Assert.Equal((32L * 192 * 49) + (192L * 49 * 49) + (192L * 32 * 49), costs.CandidateMacs[5][k7e6]);
        Assert.Equal(0, costs.CandidateMacs[5][^1]);
        Assert.Equal(super.Layers.Count, costs.CandidateMacs.Count);
    }

    [Fact]
    public void A_derived_networks_macs_equal_the_cost_models_count_of_its_onnx()
    {
        random.manual_seed(2);
        using var super = new SuperChain(ChainArchitecture.MobileNetV2Like(), SuperNetworkSpace.Default);
        var costs = SuperChainCosts.Measure(super, 28);
        int[] choices = [0, 3, 6, 1, 2, 6, 5, 4, 6, 0, 1, 6];
        var index = 0;
        var layers = super.Stages.Select(s => (IReadOnlyList<LayerOp>)s.Select(l => l.Candidates[choices[index++]]).ToList()).ToList();
        using var derived = new ChainNetwork(super.Seed.WithLayers(layers));

        var counted = new OnnxGraphExtractor().Extract(ChainOnnx.Write(derived, 28), new ExtractionOptions { SymbolicBatchAsOne = true }).TotalMacs;

        Assert.Equal(counted, costs.MacsOf(choices));
    }
}
