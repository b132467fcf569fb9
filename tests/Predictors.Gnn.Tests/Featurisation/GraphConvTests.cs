namespace NasPipeline.Predictors.Gnn.Tests.Featurisation;

using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.Predictors.Gnn.Layers;
using NasPipeline.Predictors.Gnn.Tests.Support;
using NasPipeline.TorchRuntime;
using static TorchSharp.torch;

public sealed class GraphConvTests
{
    public GraphConvTests() => TestTorch.Initialise();

    [Fact]
    public void GraphConv_is_root_term_plus_relation_term_on_the_neighbour_sum()
    {
        using var scope = NewDisposeScope();
        var batch = GraphBatch.From([GraphFeatures.Of(TinyGraphs.ConvReluFoo()), GraphFeatures.Of(TinyGraphs.GemmSoftmax())]);
        using var layer = new GraphConv(NodeFeatures.Width, 5);
        SeededInit.Apply(layer, new Generator(7));
        var parameters = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        var actual = layer.forward(batch.Features, batch.Source, batch.Target);

        // Dense reference: A x with A the block-diagonal 0/1 adjacency of the two graphs.
        var a = tensor(new float[]
        {
            0, 1, 1, 0, 0,
            1, 0, 1, 0, 0,
            1, 1, 0, 0, 0,
            0, 0, 0, 0, 1,
            0, 0, 0, 1, 0,
        }, [5, 5]);
        var x = batch.Features;
        var expected = x.matmul(parameters["root.weight"].t())
            .add(a.matmul(x).matmul(parameters["relation.weight"].t()), HeldScalars.One)
            .add(parameters["relation.bias"], HeldScalars.One);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }
}
