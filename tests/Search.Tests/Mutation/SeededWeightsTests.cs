using NasPipeline.ComputationGraph.Editing;
using NasPipeline.ComputationGraph.Writing;
using NasPipeline.Search.Mutation;

namespace NasPipeline.Search.Tests.Mutation;

/// <summary>What a stripped weight is filled with: He-normal for weights, 1 and 0 for normalisation, 0 for biases,
/// reproducible from the seed.</summary>
public sealed class SeededWeightsTests
{
    /// <summary>x [1, 32, 8, 8] -> Conv 3x3 to 64 (weight and bias, no data) -> BatchNormalization (no data) -> output.</summary>
    private static byte[] Stripped()
    {
        var w = new OnnxModelWriter().Input("x", 1, 32, 8, 8);
        var conv = w.Node("Conv", ["x", w.Weight("w", 64, 32, 3, 3), w.Weight("b", 64)],
            OnnxAttribute.Of("kernel_shape", 3, 3), OnnxAttribute.Of("pads", 1, 1, 1, 1));
        var norm = w.Node("BatchNormalization", [conv, w.Weight("scale", 64), w.Weight("shift", 64), w.Weight("mean", 64), w.Weight("var", 64)]);
        return w.Output(norm).Build();
    }

    [Fact]
    public void Conv_weights_are_he_normal_over_the_fan_in_and_the_rest_are_a_fresh_networks()
    {
        var model = OnnxModelEditor.Parse(Stripped());

        var fill = SeededWeights.Fill(model, seed: 3);

        Assert.Equal(new WeightFill(6, 6, (64 * 32 * 9) + (5 * 64), 3), fill);
        var weight = WeightValues.Of(model, "w_0");
        var mean = weight.Average();
        var std = Math.Sqrt(weight.Average(v => (v - mean) * (v - mean)));
        // He: std = sqrt(2 / fan-in), fan-in = 32 x 3 x 3 = 288, so 0.08333; 18,432 draws estimate it within about 0.5%.
        Assert.InRange(std, 0.0833 * 0.97, 0.0833 * 1.03);
        Assert.InRange(mean, -0.003, 0.003);
        Assert.All(WeightValues.Of(model, "b_1"), v => Assert.Equal(0f, v));
        Assert.All(WeightValues.Of(model, "scale_3"), v => Assert.Equal(1f, v));
        Assert.All(WeightValues.Of(model, "shift_4"), v => Assert.Equal(0f, v));
        Assert.All(WeightValues.Of(model, "mean_5"), v => Assert.Equal(0f, v));
        Assert.All(WeightValues.Of(model, "var_6"), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void The_same_seed_fills_the_same_values_and_another_seed_others()
    {
        var (first, second, other) = (OnnxModelEditor.Parse(Stripped()), OnnxModelEditor.Parse(Stripped()), OnnxModelEditor.Parse(Stripped()));

        SeededWeights.Fill(first, seed: 3);
        SeededWeights.Fill(second, seed: 3);
        SeededWeights.Fill(other, seed: 4);

        Assert.Equal(WeightValues.Of(first, "w_0"), WeightValues.Of(second, "w_0"));
        Assert.NotEqual(WeightValues.Of(first, "w_0"), WeightValues.Of(other, "w_0"));
    }

    [Fact]
    public void Weights_the_file_carries_are_left_as_they_are()
    {
        var model = OnnxModelEditor.Parse(WeightValues.Numbered(Stripped()));

        var fill = SeededWeights.Fill(model, seed: 3);

        Assert.Equal(0, fill.Filled);
        Assert.Equal(Enumerable.Range(0, 64 * 32 * 9).Select(i => (float)i), WeightValues.Of(model, "w_0"));
        Assert.StartsWith("all weights are the submitted model's", fill.Describe(), StringComparison.Ordinal);
    }
}
