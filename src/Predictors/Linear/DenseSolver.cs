using System.Numerics;

namespace NasPipeline.Predictors.Linear;

public static class DenseSolver
{
    /// <summary>
    /// Solves A x = b by LU with partial pivoting; A (n x n, row-major) and b are overwritten. Throws when A is
    /// singular to working precision, so callers decide how to regularise.
    /// </summary>
    public static double[] Solve(double[] a, double[] b, int n)
    {
        if (a.Length != n * n || b.Length != n)
        {
            throw new ArgumentException($"Expected a {n}x{n} matrix and {n} right-hand values.");
        }

        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            var largest = Math.Abs(a[column * n + column]);
            for (var row = column + 1; row < n; row++)
            {
                var value = Math.Abs(a[row * n + column]);
                if (value > largest)
                {
                    largest = value;
                    pivot = row;
                }
            }

            if (largest < 1e-300)
            {
                throw new SingularMatrixException(column);
            }

            if (pivot != column)
            {
                SwapRows(a, n, pivot, column);
                (b[pivot], b[column]) = (b[column], b[pivot]);
            }

            var diagonal = a[column * n + column];
            for (var row = column + 1; row < n; row++)
            {
                var factor = a[row * n + column] / diagonal;
                if (factor == 0)
                {
                    continue;
                }

                Eliminate(a.AsSpan((row * n) + column, n - column), a.AsSpan((column * n) + column, n - column), factor);
                b[row] -= factor * b[column];
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= a[row * n + k] * x[k];
            }

            x[row] = sum / a[row * n + row];
        }

        return x;
    }

    /// <summary>
    /// target -= factor * source, SIMD-wide: the O(n³) step (NAT's 500-member ensemble on 1,000 samples spends its time
    /// here). Multiply then subtract, as the scalar loop, so the result is the same bit for bit (no fused multiply-add).
    /// </summary>
    private static void Eliminate(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var scaled = new Vector<double>(factor);
            for (; k <= target.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var t = new Vector<double>(target[k..]);
                (t - (scaled * new Vector<double>(source[k..]))).CopyTo(target[k..]);
            }
        }

        for (; k < target.Length; k++)
        {
            target[k] -= factor * source[k];
        }
    }

    private static void SwapRows(double[] a, int n, int i, int j)
    {
        for (var k = 0; k < n; k++)
        {
            (a[i * n + k], a[j * n + k]) = (a[j * n + k], a[i * n + k]);
        }
    }
}

public sealed class SingularMatrixException(int column) : Exception($"The system is singular (no pivot in column {column}).");
