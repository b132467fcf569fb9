namespace NasPipeline.OnnxNetworks.Tests;

/// <summary>"The network up to a value": the weights every node it is computed from reads, checked against torchvision's
/// ResNet-18, whose stem and first stage are five convolutions before the stride-4 tap.</summary>
public sealed class ParametersUpToTests
{
    [Fact]
    public void Resnet18_up_to_the_end_of_layer1_is_its_stem_convolution_and_the_four_of_layer1()
    {
        using var network = OnnxNetwork.Load(Fixtures.Seeded("resnet18.onnx"));
        var backbone = Backbone.OnnxBackbone.Create(network, [-1, 3, 224, 224], taskChannels: 3, taskSize: 224);

        var early = network.ParametersUpTo(backbone.Taps[0].Value);

        // conv1 is 64x3x7x7; layer1's two basic blocks hold four 64x64x3x3 convolutions; each has a bias (BN folded).
        var kernels = early.Where(p => p.dim() == 4).Select(p => string.Join("x", p.shape)).ToList();
        Assert.Equal(["64x3x7x7", "64x64x3x3", "64x64x3x3", "64x64x3x3", "64x64x3x3"], kernels.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(5, early.Count(p => p.dim() == 1));
    }

    [Fact]
    public void Up_to_the_output_is_every_weight_and_an_unknown_value_is_refused()
    {
        using var network = OnnxNetwork.Load(Fixtures.Seeded("resnet18.onnx"));

        var all = network.ParametersUpTo(network.OutputNames[0]);

        Assert.Equal(network.parameters().Count(), all.Count);
        Assert.Equal(network.parameters().Select(p => p.Handle).ToHashSet(), all.Select(p => p.Handle).ToHashSet());
        Assert.Throws<OnnxNetworkException>(() => network.ParametersUpTo("no such value"));
    }
}
