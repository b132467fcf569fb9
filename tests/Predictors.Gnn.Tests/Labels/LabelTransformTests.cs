namespace NasPipeline.Predictors.Gnn.Tests.Labels;

using NasPipeline.Predictors.Gnn.Labels;

public sealed class LabelTransformTests
{
    [Fact]
    public void Stand_uses_the_training_mean_and_population_std()
    {
        var transform = LabelTransform.Fit(LabelTransformKind.Stand, [1.0, 2.0, 3.0, 4.0]);

        // mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        Assert.Equal(2.5, transform.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(1.25), transform.Std, 1e-12);
        Assert.Equal((4.0 - 2.5) / Math.Sqrt(1.25), transform.Apply([4.0])[0], 1e-12);
    }

    [Fact]
    public void Stand_flops_divides_by_log10_gflops_plus_one_plus_one_before_standardising()
    {
        // y = 0.9 at 1.5 GFLOPs -> 0.9 / (log10(2.5) + 1) = 0.9 / 1.397940009 = 0.643804...
        Assert.Equal(0.6438044, 0.9 / LabelTransform.FlopsDivisor(1.5), 1e-6);

        double[] labels = [0.9, 0.7];
        double[] gflops = [1.5, 0.0];
        var transform = LabelTransform.Fit(LabelTransformKind.StandFlops, labels, gflops);

        // Divided labels 0.643804 and 0.7 / (log10(1) + 1) = 0.7: mean 0.671902, std 0.028098.
        Assert.Equal((0.6438044 + 0.7) / 2, transform.Mean, 1e-6);
        Assert.Equal((0.7 - 0.6438044) / 2, transform.Std, 1e-6);
        Assert.Equal([-1.0, 1.0], transform.Apply(labels, gflops).Select(v => Math.Round(v, 9)));
    }

    [Theory]
    [InlineData(LabelTransformKind.Stand)]
    [InlineData(LabelTransformKind.StandFlops)]
    public void Invert_undoes_apply(LabelTransformKind kind)
    {
        double[] labels = [0.71, 0.755, 0.8, 0.62, 0.9];
        double[] gflops = [0.3, 1.5, 4.1, 0.05, 11.5];
        var transform = LabelTransform.Fit(kind, labels, gflops);

        var roundTrip = transform.Invert(transform.Apply(labels, gflops), gflops);

        for (var i = 0; i < labels.Length; i++)
        {
            Assert.Equal(labels[i], roundTrip[i], 1e-12);
        }
    }

    [Fact]
    public void Constant_labels_keep_the_transform_invertible()
    {
        var transform = LabelTransform.Fit(LabelTransformKind.Stand, [0.5, 0.5, 0.5]);

        Assert.Equal(1.0, transform.Std);
        Assert.Equal([0.5], transform.Invert(transform.Apply([0.5])));
    }

    [Fact]
    public void Stand_flops_without_flops_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LabelTransform.Fit(LabelTransformKind.StandFlops, [0.5, 0.6]));
        Assert.Throws<ArgumentException>(() => LabelTransform.Fit(LabelTransformKind.StandFlops, [0.5, 0.6], [1.0]));
    }

    [Theory]
    [InlineData("stand", LabelTransformKind.Stand)]
    [InlineData("stand_flops", LabelTransformKind.StandFlops)]
    [InlineData("none", LabelTransformKind.None)]
    public void Parses_the_paper_names(string name, LabelTransformKind expected) => Assert.Equal(expected, LabelTransform.Parse(name));

    [Fact]
    public void Giga_flops_of_a_graph_are_its_macs_over_1e9()
    {
        Assert.Equal(6912e-9, LabelTransform.GigaFlops(Support.TinyGraphs.ConvReluFoo()), 1e-18);
    }

    [Fact]
    public void None_leaves_labels_and_predictions_as_they_are()
    {
        var transform = LabelTransform.Fit(LabelTransformKind.None, [3.0, 5.0, 10.0]);

        Assert.Equal([3.0, 5.0, 10.0], transform.Apply([3.0, 5.0, 10.0]));
        Assert.Equal([-1.5, 7.0], transform.Invert([-1.5, 7.0]));
    }
}
