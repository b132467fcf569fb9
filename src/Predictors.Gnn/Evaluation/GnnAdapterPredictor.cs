namespace NasPipeline.Predictors.Gnn.Evaluation;

using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Adapters;

/// <summary>
/// AIO-P's transfer setting: K-Adapters trained on the target task's labels over a GNN pretrained on another task, the
/// base frozen. With no labels it is zero-shot: the pretrained GNN's own predictions, in the source task's units.
/// The pretrained GNN stays the caller's (it is copied, never changed, and not disposed here).
/// </summary>
public sealed class GnnAdapterPredictor(PretrainedGnn pretrained, GnnTrainingOptions options, long seed) : IPredictor<GnnSample>, IDisposable
{
    private TaskPredictor? adapted;

    public void Fit(IReadOnlyList<GnnSample> samples, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(samples);
        adapted?.Dispose();
        adapted = samples.Count == 0 ? null : TaskPredictor.Fit(pretrained.Regressor, samples, targets, options, seed);
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<GnnSample> samples) =>
        adapted is null ? pretrained.Predict(samples) : adapted.Predict(samples);

    public void Dispose() => adapted?.Dispose();
}
