using NasPipeline.Contracts.Model;

namespace NasPipeline.Tests.Predict;

public sealed class MetricRangeTests
{
    [Theory]
    [InlineData(new[] { 0.0, 0.42, 1.0 }, 0.0, 1.0)]
    [InlineData(new[] { 0.5, 89.2, 100.0 }, 0.0, 100.0)]
    [InlineData(new[] { 1.5, double.NaN, 2.9 }, 0.0, 100.0)]
    public void Labels_on_a_known_scale_give_its_range(double[] labels, double min, double max) =>
        Assert.Equal(new MetricRange(min, max), MetricRange.Of(labels));

    [Theory]
    [InlineData(new[] { -0.1, 0.5 })]
    [InlineData(new[] { 31.2, 104.0 })]
    [InlineData(new double[0])]
    [InlineData(new[] { double.NaN })]
    public void Labels_on_no_known_scale_give_none(double[] labels) => Assert.Null(MetricRange.Of(labels));

    [Theory]
    [InlineData(1.013, 1.0, true)]
    [InlineData(-0.2, 0.0, true)]
    [InlineData(0.7, 0.7, false)]
    [InlineData(1.0, 1.0, false)]
    public void Clamp_moves_a_value_to_the_nearest_end(double value, double expected, bool clamped) =>
        Assert.Equal((expected, clamped), MetricRange.Fraction.Clamp(value));

    [Fact]
    public void NaN_is_not_made_a_number() => Assert.True(double.IsNaN(MetricRange.Percentage.Clamp(double.NaN).Value));
}
