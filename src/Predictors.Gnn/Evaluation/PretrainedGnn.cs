namespace NasPipeline.Predictors.Gnn.Evaluation;

using NasPipeline.Predictors.Gnn.Labels;

/// <summary>A GNN trained on a source task, with the label transform its outputs are in (zero-shot predictions invert it).</summary>
public sealed class PretrainedGnn(GraphRegressor regressor, LabelTransform transform) : IDisposable
{
    public GraphRegressor Regressor { get; } = regressor;

    public LabelTransform Transform { get; } = transform;

    /// <summary>Fits a fresh GNN on every given sample of the source task.</summary>
    public static PretrainedGnn Fit(IReadOnlyList<GnnSample> samples, IReadOnlyList<double> labels, GnnTrainingOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        var flops = samples.Select(s => s.GigaFlops).ToArray();
        var transform = LabelTransform.Fit(options.Transform, labels, flops);
        var regressor = new GraphRegressor(new GraphRegressorOptions { Seed = seed, LearningRate = options.LearningRate });
        regressor.Fit(samples.Select(s => s.Graph).ToArray(), transform.Apply(labels, flops), options.Epochs, options.Batch, options.EpochDone);
        return new PretrainedGnn(regressor, transform);
    }

    public double[] Predict(IReadOnlyList<GnnSample> samples) =>
        Transform.Invert(Regressor.Predict(samples.Select(s => s.Graph).ToArray()), samples.Select(s => s.GigaFlops).ToArray());

    public void Dispose() => Regressor.Dispose();
}
