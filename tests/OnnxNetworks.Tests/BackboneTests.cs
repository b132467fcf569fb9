using NasPipeline.OnnxNetworks.Backbone;
using NasPipeline.Vision.Heads;
using static TorchSharp.torch;

namespace NasPipeline.OnnxNetworks.Tests;

/// <summary>A submitted network becomes a task backbone: the input policy follows the declared input, the taps are the
/// stage outputs torchvision's architectures define, and a task head trains on them.</summary>
public sealed class BackboneTests
{
    [Fact]
    public void Resnet18_at_its_own_size_is_tapped_at_the_ends_of_its_four_stages()
    {
        using var network = OnnxNetwork.Load(Fixtures.Seeded("resnet18.onnx"));

        var backbone = OnnxBackbone.Create(network, [-1, 3, 224, 224], taskChannels: 3, taskSize: 224);

        // torchvision's ResNet-18: layer1..layer4 end at strides 4, 8, 16, 32 with 64, 128, 256, 512 channels.
        Assert.Equal([(64, 4), (128, 8), (256, 16), (512, 32)], backbone.Taps.Select(t => (t.Channels, t.Stride)));
        Assert.Equal(ChannelMapping.AsIs, backbone.Input.Channels);
        Assert.False(backbone.Input.Resize);
    }

    [Fact]
    public void Mobilenet_v2_is_tapped_at_the_last_map_of_each_resolution()
    {
        using var network = OnnxNetwork.Load(Fixtures.Seeded("mobilenet_v2.onnx"));

        var backbone = OnnxBackbone.Create(network, [1, 3, 224, 224], taskChannels: 3, taskSize: 224);

        // MobileNetV2: the last map before each stride-2 depthwise conv is that block's 6x expansion of the stage's output
        // (24, 32 and 96 channels -> 144, 192, 576); at stride 32 the last 1x1 conv (1280) before the pool.
        Assert.Equal([(144, 4), (192, 8), (576, 16), (1280, 32)], backbone.Taps.Select(t => (t.Channels, t.Stride)));
    }

    [Fact]
    public void Grey_28_pixel_images_are_repeated_and_resized_for_a_224_pixel_network_and_strides_count_on_the_task_images()
    {
        using var network = OnnxNetwork.Load(Fixtures.Seeded("resnet18.onnx"));

        var backbone = OnnxBackbone.Create(network, [-1, 3, 224, 224], taskChannels: 1, taskSize: 28);

        Assert.Equal(new InputAdaptation(ChannelMapping.Repeat, 3, 224, 224, Resize: true), backbone.Input);
        Assert.Equal("grey repeated to 3 channels, resized bilinearly to 224x224", backbone.Input.Describe());

        // Resized 8x, the network's strides 8, 16, 32 are 1, 2, 4 on the task's 28-px images (stride 4 is half a pixel).
        Assert.Equal([(128, 1), (256, 2), (512, 4)], backbone.Taps.Select(t => (t.Channels, t.Stride)));
    }

    [Fact]
    public void A_network_built_for_the_task_images_is_fed_as_it_is_and_a_dense_head_trains_on_its_taps()
    {
        using var scope = NewDisposeScope();
        using var network = OnnxNetwork.Load(Fixtures.Seeded("small_cnn_28.onnx"));
        var backbone = OnnxBackbone.Create(network, [1, 1, 28, 28], taskChannels: 1, taskSize: 28);
        Assert.Equal(new InputAdaptation(ChannelMapping.AsIs, 1, 28, 28, Resize: false), backbone.Input);

        var head = new DenseHead(backbone.Features, outputs: 2);
        var images = rand(1, 1, 28, 28);
        var prediction = head.forward(backbone.Forward(images));
        prediction.sum().backward();

        Assert.Equal([1L, 2, 28, 28], prediction.shape);
        Assert.All(network.parameters().Take(1), p => Assert.NotNull(p.grad));
    }
}
