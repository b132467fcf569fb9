using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Backbones;

/// <summary>
/// A three-level conv-BN-ReLU body at strides 1, 2 and 4 with fixed channels, small enough to train on two CPU
/// threads in seconds: the backbone of tests and of quick task checks.
/// </summary>
public sealed class SmallConvBackbone : nn.Module<Tensor, Tensor[]>, IBackbone
{
    private readonly Sequential stage1;
    private readonly Sequential stage2;
    private readonly Sequential stage3;

    public SmallConvBackbone(int inputChannels = 1, int width = 16) : base(nameof(SmallConvBackbone))
    {
        TorchEnvironment.EnsureAvailable();
        stage1 = Block(inputChannels, width, 1);
        stage2 = nn.Sequential(Block(width, 2 * width, 2), Block(2 * width, 2 * width, 1));
        stage3 = nn.Sequential(Block(2 * width, 3 * width, 2), Block(3 * width, 3 * width, 1));
        Features = new FeatureSpec([new FeatureLevel(width, 1), new FeatureLevel(2 * width, 2), new FeatureLevel(3 * width, 4)]);
        RegisterComponents();
    }

    public FeatureSpec Features { get; }

    public nn.Module Module => this;

    public Tensor[] Forward(Tensor images) => call(images);

    public override Tensor[] forward(Tensor images)
    {
        var f1 = stage1.call(images);
        var f2 = stage2.call(f1);
        var f3 = stage3.call(f2);
        return [f1, f2, f3];
    }

    private static Sequential Block(int inputs, int outputs, int stride) =>
        nn.Sequential(nn.Conv2d(inputs, outputs, 3, stride: stride, padding: 1, bias: false), new BatchNorm2d(outputs), nn.ReLU());
}
