using NasPipeline.Predictors.Linear;

namespace NasPipeline.Predictors.Tests;

public sealed class DenseSolverTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(37)]
    [InlineData(130)]
    public void Solution_satisfies_the_original_system(int n)
    {
        var random = new Random(n);
        var a = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();

        var x = DenseSolver.Solve((double[])a.Clone(), (double[])b.Clone(), n);

        for (var row = 0; row < n; row++)
        {
            var sum = Enumerable.Range(0, n).Sum(k => a[(row * n) + k] * x[k]);
            Assert.Equal(b[row], sum, 1e-9);
        }
    }

    [Fact]
    public void Zero_on_the_diagonal_is_pivoted_around()
    {
        // [[0, 2], [3, 1]] x = [4, 5] -> x = [1, 2], worked by hand.
        var x = DenseSolver.Solve([0, 2, 3, 1], [4, 5], 2);

        Assert.Equal(1, x[0], 12);
        Assert.Equal(2, x[1], 12);
    }

    [Fact]
    public void Singular_system_is_refused() =>
        Assert.Throws<SingularMatrixException>(() => DenseSolver.Solve([1, 2, 2, 4], [1, 2], 2));
}
