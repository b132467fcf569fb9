using NasPipeline.Supernet.Gradients;
using NasPipeline.Supernet.Tests.Fixtures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Tests.Gradients;

public sealed class GradientClippingTests
{
    private static Parameter WithGradient(params float[] gradient)
    {
        Torch.Ready();
        var parameter = new Parameter(zeros(gradient.Length));
        parameter.grad = tensor(gradient);
        return parameter;
    }

    [Fact]
    public void Global_norm_above_the_limit_is_scaled_to_exactly_the_limit()
    {
        // |(3, 4)| = 5 and |(0, 0, 12)| = 12 make a global norm of 13; the gradient-less parameter is skipped.
        Parameter[] parameters = [WithGradient(3, 4), WithGradient(0, 0, 12), new(zeros(2))];

        var before = GradientClipping.ClipGlobalNorm(parameters, 1.0);

        Assert.Equal(13.0, before, 6);
        var after = Math.Sqrt(parameters.Take(2).Sum(p => p.grad!.square().sum().item<float>()));
        Assert.Equal(1.0, after, 6);
        Assert.Equal(3.0 / 13, parameters[0].grad![0].item<float>(), 6);
        Assert.Equal(12.0 / 13, parameters[1].grad![2].item<float>(), 6);
        Assert.Null(parameters[2].grad);
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(0.0)] // 0 = off
    public void Gradients_within_the_limit_or_with_clipping_off_are_left_alone(double maxNorm)
    {
        Parameter[] parameters = [WithGradient(3, 4)];

        Assert.Equal(5.0, GradientClipping.ClipGlobalNorm(parameters, maxNorm), 6);
        Assert.Equal([3f, 4f], parameters[0].grad!.data<float>().ToArray());
    }
}
