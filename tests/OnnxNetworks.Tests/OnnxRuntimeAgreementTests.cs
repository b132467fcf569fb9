using Google.Protobuf;
using NasPipeline.ComputationGraph.Onnx.Proto;

namespace NasPipeline.OnnxNetworks.Tests;

/// <summary>The interpreter computes what ONNX Runtime computes, within 1e-4 of each output's scale, on every fixture it
/// runs (stripped weights seeded He-normal first).</summary>
public sealed class OnnxRuntimeAgreementTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string, long[]> Models() => new()
    {
        { "small_cnn_28.onnx", [1, 1, 28, 28] },
        { "small_cnn_28_qdq.onnx", [1, 1, 28, 28] },
        { "resnet18.onnx", [2, 3, 224, 224] },
        { "resnet50.onnx", [1, 3, 224, 224] },
        { "mobilenet_v2.onnx", [1, 3, 224, 224] },
        { "mobilenet_v3_large.onnx", [2, 3, 224, 224] },
        { "efficientnet_b0.onnx", [1, 3, 224, 224] },
        { "densenet121.onnx", [1, 3, 224, 224] },
        { "convnext_tiny.onnx", [1, 3, 224, 224] },
        { "vit_b_16.onnx", [1, 3, 224, 224] },
        { "lraspp_mobilenet_v3_large.onnx", [1, 3, 96, 128] },
        { "deeplabv3_mobilenet_v3_large.onnx", [1, 3, 96, 96] },
        { "fasterrcnn_mobilenet_v3_large_320_fpn.onnx", [3, 320, 320] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_output_equals_onnx_runtimes(string file, long[] shape)
    {
        var onnx = file.StartsWith("fasterrcnn", StringComparison.Ordinal) ? Fixtures.Detecting(Fixtures.Seeded(file)) : Fixtures.Seeded(file);
        var worst = Agreement.WorstDifference(onnx, shape);

        output.WriteLine($"{file} [{string.Join("x", shape)}]: " + string.Join(", ", worst.Select(w => $"{w.Key} [{string.Join("x", w.Value.Shape)}] {w.Value.Worst:E2}")));
        Assert.NotEmpty(worst);
        Assert.All(worst, w => Assert.True(w.Value.Worst <= 1e-4, $"{file} output '{w.Key}': worst relative difference {w.Value.Worst:E2}"));
        Assert.All(worst, w => Assert.True(w.Value.Shape.Aggregate(1L, (a, d) => a * d) > 0, $"{file} output '{w.Key}' is empty: nothing was compared"));
    }

    [Fact]
    public void A_model_with_operators_it_does_not_run_is_refused_naming_each_of_them()
    {
        var model = ModelProto.Parser.ParseFrom(Fixtures.Seeded("small_cnn_28.onnx"));
        var relus = model.Graph.Node.Where(n => n.OpType == "Relu").ToList();
        relus.ForEach(n => n.OpType = "Celu");
        model.Graph.Node.First(n => n.OpType == "Conv").OpType = "DeformConv";

        var error = Assert.Throws<OnnxNetworkException>(() => OnnxNetwork.Load(model.ToByteArray()));

        Assert.Contains($"Celu ({relus.Count} nodes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("DeformConv (1 node)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Supported: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Operator, new[] { "Celu", "DeformConv" });
    }

    [Fact]
    public void A_stripped_export_loads_with_weights_seeded_as_the_mutation_search_seeds_them()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var seeded = OnnxNetwork.Load(Fixtures.Stripped("resnet18.onnx"), new OnnxNetworkOptions(SeedForMissingWeights: 5));
        using var complete = OnnxNetwork.Load(Fixtures.Seeded("resnet18.onnx", seed: 5), new OnnxNetworkOptions(SeedForMissingWeights: 5));
        var image = TorchSharp.torch.rand(1, 3, 64, 64);

        Assert.True(seeded.Weights is { Filled: > 0, Seed: 5 }, seeded.Weights?.Describe());
        Assert.Null(complete.Weights);
        seeded.eval();
        complete.eval();
        var difference = seeded.forward(image).sub(complete.forward(image)).abs().max().item<float>();
        Assert.True(difference == 0, $"outputs differ by {difference}");
    }

    [Fact]
    public void A_stripped_export_is_refused_until_its_weights_are_seeded()
    {
        var error = Assert.Throws<OnnxNetworkException>(() => OnnxNetwork.Load(Fixtures.Stripped("resnet18.onnx")));

        Assert.Contains("has no values in the file", error.Message, StringComparison.Ordinal);
    }
}
