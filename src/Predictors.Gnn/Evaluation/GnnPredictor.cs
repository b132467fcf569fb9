namespace NasPipeline.Predictors.Gnn.Evaluation;

using NasPipeline.Predictors.Evaluation;

/// <summary>AIO-P's GNN trained from scratch on the given labels (transformed, and inverted before they leave).</summary>
public sealed class GnnPredictor(GnnTrainingOptions options, long seed) : IPredictor<GnnSample>, IDisposable
{
    private PretrainedGnn? fitted;

    public void Fit(IReadOnlyList<GnnSample> samples, IReadOnlyList<double> targets)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("A GNN trained from scratch needs at least one labelled architecture; for zero-shot use an adapter over a pretrained GNN.");
        }

        fitted?.Dispose();
        fitted = PretrainedGnn.Fit(samples, targets, options, seed);
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<GnnSample> samples) =>
        (fitted ?? throw new InvalidOperationException("Fit the predictor before predicting.")).Predict(samples);

    public void Dispose() => fitted?.Dispose();
}
