using NasPipeline.Contracts.Seeds;

namespace NasPipeline.Predictors.Rbf;

public sealed record RbfPrediction(double Mean, double Spread);

/// <summary>
/// NAT's accuracy surrogate: many cubic-RBF interpolants, each on a random subset of the features, averaged; the
/// members' standard deviation is the uncertainty. Refit from scratch as measured results arrive (fitting 500
/// members on 100 samples takes well under a second).
/// </summary>
public sealed class RbfEnsemble(int members = 500, double featureFraction = 0.5, int seed = 0)
{
    private Member[] _members = [];
    private double[] _min = [];
    private double[] _range = [];

    public int Members => members;

    public void Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> targets)
    {
        if (features.Count == 0 || features.Count != targets.Count)
        {
            throw new ArgumentException("The ensemble needs as many feature rows as targets, and at least one.");
        }

        var d = features[0].Length;
        (_min, _range) = Bounds(features, d);
        var scaled = features.Select(Scale).ToArray();
        var subsetSize = Math.Clamp((int)Math.Round(featureFraction * d), 1, d);
        var fitted = new Member[members];
        // Each member draws from its own generator, so the ensemble is the same whatever the thread schedule.
        Parallel.For(0, members, m =>
        {
            var random = new Random(MemberSeed(seed, m));
            var subset = Enumerable.Range(0, d).OrderBy(_ => random.Next()).Take(subsetSize).Order().ToArray();
            var interpolant = new CubicRbfInterpolant();
            interpolant.Fit(scaled.Select(row => Project(row, subset)).ToArray(), targets);
            fitted[m] = new Member(subset, interpolant);
        });
        _members = fitted;
    }

    public RbfPrediction Predict(double[] features)
    {
        if (_members.Length == 0)
        {
            throw new InvalidOperationException("Fit the ensemble before predicting.");
        }

        var scaled = Scale(features);
        var predictions = _members.Select(m => m.Interpolant.Predict(Project(scaled, m.Features))).ToArray();
        var mean = predictions.Average();
        var variance = predictions.Sum(p => (p - mean) * (p - mean)) / predictions.Length;
        return new RbfPrediction(mean, Math.Sqrt(variance));
    }

    private double[] Scale(double[] row)
    {
        var scaled = new double[row.Length];
        for (var k = 0; k < row.Length; k++)
        {
            scaled[k] = _range[k] == 0 ? 0 : (row[k] - _min[k]) / _range[k];
        }

        return scaled;
    }

    private static (double[] Min, double[] Range) Bounds(IReadOnlyList<double[]> rows, int d)
    {
        var min = Enumerable.Range(0, d).Select(k => rows.Min(r => r[k])).ToArray();
        var range = Enumerable.Range(0, d).Select(k => rows.Max(r => r[k]) - min[k]).ToArray();
        return (min, range);
    }

    internal static int MemberSeed(int seed, int member) => SplitMix64.Derive(seed, member);

    private static double[] Project(double[] row, int[] subset) => subset.Select(k => row[k]).ToArray();

    private sealed record Member(int[] Features, CubicRbfInterpolant Interpolant);
}
