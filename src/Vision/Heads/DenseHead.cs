using NasPipeline.Vision.Backbones;
using NasPipeline.TorchRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Heads;

/// <summary>
/// A light FPN-style dense head: every level is projected to a common width by a 1x1 conv, resized bilinearly
/// to the output grid (input size / outputStride) and summed; a 3x3 conv mixes them and a 1x1 conv gives the
/// task's channels [B, outputs, S / stride, S / stride]. With <c>targetSize</c> the grid is the task's image size /
/// outputStride whatever the input's size: a subnet that reads its images at a lower resolution (NAT's resolution
/// gene) still answers on the grid its targets are on, as segmentation networks upsample their logits to the labels.
/// </summary>
public sealed class DenseHead : nn.Module<Tensor[], Tensor>
{
    private readonly ModuleList<Conv2d> laterals = new();
    private readonly Conv2d mix;
    private readonly Conv2d output;
    private readonly int _inputStride;
    private readonly int _outputStride;
    private readonly int? _targetSize;

    public DenseHead(FeatureSpec features, int outputs, int outputStride = 1, int width = 32, int? targetSize = null) : base(nameof(DenseHead))
    {
        TorchEnvironment.EnsureAvailable();
        foreach (var level in features.Levels)
        {
            laterals.Add(nn.Conv2d(level.Channels, width, 1));
        }

        mix = nn.Conv2d(width, width, 3, padding: 1);
        output = nn.Conv2d(width, outputs, 1);
        _inputStride = features.Levels[0].Stride;
        _outputStride = outputStride;
        _targetSize = targetSize;
        RegisterComponents();
    }

    public override Tensor forward(Tensor[] levels)
    {
        var inputSize = _targetSize ?? levels[0].shape[2] * _inputStride;
        long[] grid = [inputSize / _outputStride, inputSize / _outputStride];
        Tensor? sum = null;
        for (var i = 0; i < levels.Length; i++)
        {
            var projected = laterals[i].call(levels[i]);
            if (projected.shape[2] != grid[0])
            {
                projected = nn.functional.interpolate(projected, grid, mode: InterpolationMode.Bilinear, align_corners: false);
            }

            sum = sum is null ? projected : sum.add(projected, HeldScalars.One);
        }

        return output.call(nn.functional.relu(mix.call(sum!)));
    }
}
