using NasPipeline.ComputationGraph;
using NasPipeline.OnnxNetworks.Zoo;
using NasPipeline.Search.Mutation;

namespace NasPipeline.OnnxNetworks.Tests.Zoo;

public sealed class ResNetLikeOnnxTests
{
    [Fact]
    public void The_resnet_like_network_costs_what_its_convolutions_cost_by_hand()
    {
        // Stem 1->16 3x3 at 28x28: 16*1*9*784 = 112,896. Stage 1: four 16->16 3x3 at 28x28: 4 * 1,806,336 = 7,225,344.
        // Stage 2 at 14x14: 16->32 3x3 903,168 + 32->32 3x3 1,806,336 + 1x1 shortcut 100,352 + two 32->32 3,612,672 = 6,422,528.
        // Stage 3 at 7x7: the same count (channels double, pixels quarter) = 6,422,528. Classifier 64*10 = 640.
        var graph = new OnnxGraphExtractor().Extract(ResNetLikeOnnx.Write(), new ExtractionOptions { SymbolicBatchAsOne = true });

        Assert.Equal(112_896 + 7_225_344 + 6_422_528 + 6_422_528 + 640, graph.TotalMacs);
    }

    [Fact]
    public void With_seeded_weights_the_interpreter_computes_what_onnx_runtime_computes()
    {
        var seeded = KeptNetwork.Of(ResNetLikeOnnx.Write(), seed: 3).Onnx;

        var worst = Agreement.WorstDifference(seeded, [2, 1, 28, 28]);

        var (difference, shape) = Assert.Single(worst.Values);
        Assert.Equal([2L, 10], shape);
        Assert.InRange(difference, 0, 1e-4);
    }
}
