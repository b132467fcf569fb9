namespace NasPipeline.Latency.Tests;

public class MedianTests
{
    [Fact]
    public void An_odd_sample_gives_its_middle_value_whatever_the_order()
    {
        Assert.Equal(3.0, Median.Of([9.0, 1.0, 3.0, 7.0, 2.0]));
    }

    [Fact]
    public void An_even_sample_gives_the_mean_of_its_two_middle_values()
    {
        // Sorted: 1, 2, 4, 10 -> (2 + 4) / 2.
        Assert.Equal(3.0, Median.Of([10.0, 2.0, 1.0, 4.0]));
    }

    [Fact]
    public void One_slow_outlier_does_not_move_the_median()
    {
        Assert.Equal(1.0, Median.Of([1.0, 1.0, 1.0, 1.0, 500.0]));
    }

    [Fact]
    public void An_empty_sample_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Median.Of([]));
    }
}
