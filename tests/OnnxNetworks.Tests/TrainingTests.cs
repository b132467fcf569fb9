using NasPipeline.Tests.Shared.Onnx;
using NasPipeline.TorchRuntime.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Tests;

/// <summary>The interpreted network trains: gradients reach its weights, steps lower the loss, and what it learned comes
/// back out as an ONNX file that ONNX Runtime runs to the same numbers.</summary>
public sealed class TrainingTests
{
    [Fact]
    public void Every_parameter_gets_a_gradient_and_steps_lower_the_loss_on_a_fixed_batch()
    {
        using var scope = NewDisposeScope();
        using var network = OnnxNetwork.Load(Fixtures.Seeded("small_cnn_28.onnx"));
        network.train();
        var parameters = network.parameters().ToList();
        using var optimizer = new MomentumSgd(parameters, learningRate: 0.05, momentum: 0.9);
        var (images, labels) = Batch(seed: 3);

        var losses = new List<double>();
        for (var step = 0; step < 30; step++)
        {
            optimizer.ZeroGrad();
            var loss = nn.functional.cross_entropy(network.forward(images), labels);
            loss.backward();
            if (step == 0)
            {
                Assert.All(parameters, p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, "a parameter got no gradient"));
            }

            optimizer.Step();
            losses.Add(loss.item<float>());
        }

        Assert.True(losses[^1] < 0.5 * losses[0], $"loss {losses[0]:F3} -> {losses[^1]:F3}");
    }

    [Fact]
    public void Unfolded_batch_norms_train_and_fold_back_into_a_file_onnx_runtime_agrees_with()
    {
        var original = Fixtures.Seeded("small_cnn_28.onnx");
        using var scope = NewDisposeScope();
        using var network = OnnxNetwork.Load(original, new OnnxNetworkOptions(UnfoldBatchNorm: true));
        Assert.NotEmpty(network.UnfoldedConvolutions);

        network.train();
        using var optimizer = new MomentumSgd(network.parameters().ToList(), learningRate: 0.01, momentum: 0.9);
        for (var step = 0; step < 5; step++)
        {
            var (images, labels) = Batch(seed: step);
            optimizer.ZeroGrad();
            nn.functional.cross_entropy(network.forward(images), labels).backward();
            optimizer.Step();
        }

        network.eval();
        var written = network.ToOnnx();
        var probe = Batch(seed: 99).Images.narrow(0, 0, 1); // the fixture's batch axis is fixed at 1
        var values = probe.contiguous().data<float>().ToArray();
        var expected = OnnxRuntimeRun.On(written, probe.shape, values).Values.Single();
        using var noGrad = no_grad();
        var actual = network.forward(probe).contiguous().data<float>().ToArray();

        var scale = Math.Max(1.0, expected.Values.Max(v => Math.Abs((double)v)));
        var worst = expected.Values.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max() / scale;
        Assert.True(worst <= 1e-4, $"worst relative difference {worst:E2}");
        Assert.Equal(NodeCount(original), NodeCount(written));
    }

    [Fact]
    public void Batch_norm_statistics_are_buffers_and_weights_are_parameters()
    {
        using var network = OnnxNetwork.Load(Fixtures.Seeded("densenet121.onnx"));
        var model = NasPipeline.ComputationGraph.Onnx.Proto.ModelProto.Parser.ParseFrom(Fixtures.Seeded("densenet121.onnx"));
        var norm = model.Graph.Node.First(n => n.OpType == "BatchNormalization");
        var conv = model.Graph.Node.First(n => n.OpType == "Conv");

        Assert.Equal(InitializerRole.Parameter, network.RoleOf(norm.Input[1]));
        Assert.Equal(InitializerRole.Statistic, network.RoleOf(norm.Input[3]));
        Assert.Equal(InitializerRole.Statistic, network.RoleOf(norm.Input[4]));
        Assert.Equal(InitializerRole.Parameter, network.RoleOf(conv.Input[1]));
    }

    private static (Tensor Images, Tensor Labels) Batch(int seed)
    {
        var generator = new Generator((ulong)seed);
        return (rand([16, 1, 28, 28], generator: generator), randint(0, 10, [16], generator: generator));
    }

    private static int NodeCount(byte[] onnx) => NasPipeline.ComputationGraph.Onnx.Proto.ModelProto.Parser.ParseFrom(onnx).Graph.Node.Count;
}
