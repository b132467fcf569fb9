using NasPipeline.TorchRuntime.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace NasPipeline.TorchRuntime.Tests.Training;

/// <summary>The shared optimizers against updates worked out by hand (float64 parameters, gradients set directly).</summary>
public sealed class OptimizerTests
{
    public OptimizerTests() => TorchEnvironment.EnsureAvailable();

    [Fact]
    public void Adam_first_step_moves_each_weight_by_the_rate_against_its_gradient()
    {
        // Step 1: m^ = g and v^ = g^2, so the update is lr g / (|g| + eps): the rate, signed; zero where g = 0.
        using var scope = NewDisposeScope();
        var p = Weights(1.0, -2.0, 0.5);
        using var adam = new AdamOptimizer([p], new AdamOptions(0.1));

        SetGradient(p, 0.5, -3.0, 0.0);
        adam.Step();

        Assert.Equal([0.9, -1.9, 0.5], Values(p), new Tolerance(1e-8));
    }

    [Fact]
    public void Adam_three_steps_match_the_bias_corrected_update()
    {
        // One weight, lr 0.01, betas 0.9 / 0.999, eps 1e-8, gradients 1, -2, 0.5; update = lr m^ / (sqrt(v^) + eps):
        //   t=1: m = 0.1,    v = 0.001,    m^ = 1,                   v^ = 1,                       update = 0.01
        //   t=2: m = -0.11,  v = 0.004999, m^ = -0.11/0.19,          v^ = 0.004999/0.001999,       update = -0.0036610352
        //   t=3: m = -0.049, v = 0.005244, m^ = -0.049/0.271,        v^ = 0.005244001/0.002997001, update = -0.0013669066
        using var scope = NewDisposeScope();
        var p = Weights(1.0);
        using var adam = new AdamOptimizer([p], new AdamOptions(0.01));
        double[] expected = [0.99, 0.9936610352, 0.9950279419];

        for (var t = 0; t < 3; t++)
        {
            SetGradient(p, new[] { 1.0, -2.0, 0.5 }[t]);
            adam.Step();
            Assert.Equal(expected[t], Values(p)[0], 1e-9);
        }
    }

    [Fact]
    public void AdamW_decays_the_weight_apart_from_the_gradient()
    {
        // Zero gradient: the moments stay 0 and only the decoupled decay acts, p (1 - lr wd) = 2 * 0.95.
        using var scope = NewDisposeScope();
        var p = Weights(2.0);
        using var adam = new AdamOptimizer([p], new AdamOptions(0.1, WeightDecay: 0.5));

        SetGradient(p, 0.0);
        adam.Step();

        Assert.Equal(1.9, Values(p)[0], 1e-12);
    }

    [Fact]
    public void A_parameter_without_a_gradient_is_left_alone()
    {
        using var scope = NewDisposeScope();
        var used = Weights(1.0);
        var unused = Weights(3.0);
        using var adam = new AdamOptimizer([used, unused], new AdamOptions(0.1, WeightDecay: 0.5));
        using var sgd = new MomentumSgd([used, unused], 0.1, 0.9, weightDecay: 0.5);

        SetGradient(used, 1.0);
        adam.Step();
        sgd.Step();

        Assert.Equal(3.0, Values(unused)[0]);
        Assert.NotEqual(1.0, Values(used)[0]);
    }

    [Fact]
    public void Momentum_sgd_accumulates_its_buffer()
    {
        // lr 0.1, momentum 0.9, gradient 1 each step: buffers 1, 1.9, 2.71, so p = 1 - 0.1, - 0.19, - 0.271.
        using var scope = NewDisposeScope();
        var p = Weights(1.0);
        using var sgd = new MomentumSgd([p], 0.1, 0.9);
        double[] expected = [0.9, 0.71, 0.439];

        for (var t = 0; t < 3; t++)
        {
            SetGradient(p, 1.0);
            sgd.Step();
            Assert.Equal(expected[t], Values(p)[0], 1e-12);
        }
    }

    [Fact]
    public void Momentum_sgd_adds_l2_decay_to_the_gradient_and_follows_the_rate_it_is_given()
    {
        // g = 1 + 0.5 * 2 = 2 and no momentum: p = 2 - 0.1 * 2; then at rate 0.2, g = 1 + 0.5 * 1.8 = 1.9: p = 1.8 - 0.38.
        using var scope = NewDisposeScope();
        var p = Weights(2.0);
        using var sgd = new MomentumSgd([p], 0.1, 0.0, weightDecay: 0.5);

        SetGradient(p, 1.0);
        sgd.Step();
        Assert.Equal(1.8, Values(p)[0], 1e-12);

        sgd.LearningRate = 0.2;
        SetGradient(p, 1.0);
        sgd.Step();
        Assert.Equal(1.42, Values(p)[0], 1e-12);
    }

    [Fact]
    public void ZeroGrad_zeroes_every_existing_gradient()
    {
        using var scope = NewDisposeScope();
        var p = Weights(1.0, 2.0);
        using var adam = new AdamOptimizer([p], new AdamOptions(0.1));
        SetGradient(p, 3.0, -4.0);

        adam.ZeroGrad();

        Assert.Equal([0.0, 0.0], p.grad!.data<double>().ToArray());
    }

    private static Parameter Weights(params double[] values) => new(tensor(values, dtype: ScalarType.Float64));

    private static void SetGradient(Parameter p, params double[] values) => p.grad = tensor(values, dtype: ScalarType.Float64);

    private static double[] Values(Tensor p) => p.data<double>().ToArray();

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
