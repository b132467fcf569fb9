namespace NasPipeline.Predictors.Gnn.Evaluation;

using NasPipeline.Predictors.Evaluation;
using NasPipeline.Predictors.Gnn.Adapters;
using NasPipeline.Predictors.Gnn.Labels;

/// <summary>
/// AIO-P's transfer setting: K-Adapters trained on the target task's labels over a GNN pretrained on another task, the
/// base frozen. With no labels it is zero-shot: the pretrained GNN's own predictions, in the source task's units.
/// The pretrained GNN stays the caller's (it is copied, never changed, and not disposed here).
/// </summary>
public sealed class GnnAdapterPredictor(PretrainedGnn pretrained, GnnTrainingOptions options, long seed) : IPredictor<GnnSample>, IDisposable
{
    private KAdapterPredictor? adapters;
    private LabelTransform? transform;

    public void Fit(IReadOnlyList<GnnSample> samples, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(samples);
        adapters?.Dispose();
        adapters = null;
        if (samples.Count == 0)
        {
            return;
        }

        var flops = samples.Select(s => s.GigaFlops).ToArray();
        transform = LabelTransform.Fit(options.Transform, targets, flops);
        adapters = new KAdapterPredictor(pretrained.Regressor, new KAdapterOptions { AdapterCount = options.Adapters, LearningRate = options.LearningRate, Seed = seed });
        adapters.Fit(samples.Select(s => s.Graph).ToArray(), transform.Apply(targets, flops), options.Epochs, options.Batch, FineTuneMode.HeadsAndAdapters, options.EpochDone);
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<GnnSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (adapters is null)
        {
            return pretrained.Predict(samples);
        }

        return transform!.Invert(adapters.Predict(samples.Select(s => s.Graph).ToArray()), samples.Select(s => s.GigaFlops).ToArray());
    }

    public void Dispose() => adapters?.Dispose();
}
