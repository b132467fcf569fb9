using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Heads;
using NasPipeline.Vision.Tasks;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Tests.Heads;

/// <summary>A subnet that reads its images at a lower resolution (NAT's resolution gene) still answers a dense task on
/// the grid of the task's targets.</summary>
public sealed class DenseHeadTests
{
    private static readonly FeatureSpec Features = new([new FeatureLevel(8, 2), new FeatureLevel(16, 4)]);

    [Theory]
    [InlineData(20, 1, 28)]
    [InlineData(28, 1, 28)]
    [InlineData(20, 4, 7)]
    public void With_a_target_size_the_grid_is_the_targets_whatever_the_input_resolution(int resolution, int outputStride, int grid)
    {
        using var scope = NewDisposeScope();
        using var head = new DenseHead(Features, 3, outputStride, targetSize: 28);
        var output = head.call([randn(2, 8, resolution / 2, resolution / 2), randn(2, 16, resolution / 4, resolution / 4)]);

        Assert.Equal(new long[] { 2, 3, grid, grid }, output.shape);
    }

    [Fact]
    public void Without_one_the_grid_follows_the_input()
    {
        using var scope = NewDisposeScope();
        using var head = new DenseHead(Features, 3);
        var output = head.call([randn(2, 8, 10, 10), randn(2, 16, 5, 5)]);

        Assert.Equal(new long[] { 2, 3, 20, 20 }, output.shape);
    }

    [Theory]
    [InlineData("segmentation")]
    [InlineData("keypoints")]
    [InlineData("denoising")]
    [InlineData("detection")]
    public void Every_dense_task_answers_on_its_targets_grid_from_a_20_pixel_input(string name)
    {
        using var scope = NewDisposeScope();
        var task = TaskRegistry.CreateDefault().Get(name);
        using var head = task.CreateHead(Features);
        var full = head.call([randn(1, 8, task.InputSize / 2, task.InputSize / 2), randn(1, 16, task.InputSize / 4, task.InputSize / 4)]);
        var low = head.call([randn(1, 8, 10, 10), randn(1, 16, 5, 5)]);

        Assert.Equal(full.shape, low.shape);
    }
}
