namespace NasPipeline.Predictors.Gnn.Adapters;

using NasPipeline.Predictors.Gnn.Evaluation;
using NasPipeline.Predictors.Gnn.Labels;

/// <summary>One task's predicted metric and the spread of the K-Adapters' predictions (its uncertainty), in the task's units.</summary>
public sealed record TaskScore(double Mean, double Spread);

/// <summary>
/// A task's trained predictor as it is stored and served: K-Adapters over a frozen pretrained GNN together with the
/// label transform they were trained under, so predictions come out in the task's units and the blob is all a
/// scorer needs.
/// </summary>
public sealed class TaskPredictor : IDisposable
{
    private readonly KAdapterPredictor adapters;

    private TaskPredictor(KAdapterPredictor adapters, LabelTransform transform)
    {
        this.adapters = adapters;
        Transform = transform;
    }

    public LabelTransform Transform { get; }

    /// <summary>Trains <see cref="GnnTrainingOptions.Adapters"/> K-Adapters on the labels; <paramref name="pretrained"/> is copied, not changed.</summary>
    public static TaskPredictor Fit(GraphRegressor pretrained, IReadOnlyList<GnnSample> samples, IReadOnlyList<double> labels, GnnTrainingOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        var flops = samples.Select(s => s.GigaFlops).ToArray();
        var transform = LabelTransform.Fit(options.Transform, labels, flops);
        var adapters = new KAdapterPredictor(pretrained, new KAdapterOptions { AdapterCount = options.Adapters, LearningRate = options.LearningRate, Seed = seed });
        try
        {
            adapters.Fit(samples.Select(s => s.Graph).ToArray(), transform.Apply(labels, flops), options.Epochs, options.Batch, FineTuneMode.HeadsAndAdapters, options.EpochDone);
        }
        catch
        {
            adapters.Dispose();
            throw;
        }

        return new TaskPredictor(adapters, transform);
    }

    /// <summary>New K-Adapters over this predictor's frozen base, fitted on new labels (AIO-P's per-task step, run online).</summary>
    public TaskPredictor Refit(IReadOnlyList<GnnSample> samples, IReadOnlyList<double> labels, GnnTrainingOptions options, long seed) =>
        Fit(adapters.BaseRegressor, samples, labels, options, seed);

    public double[] Predict(IReadOnlyList<GnnSample> samples) => Score(samples).Select(s => s.Mean).ToArray();

    /// <summary>Graphs and nodes per forward pass: a caller that featurises as it goes can score in slices cut where
    /// the forward passes would be cut anyway, so the scores are the same as scoring everything at once.</summary>
    public (int Graphs, int Nodes) PredictBatchLimits => adapters.PredictBatchLimits;

    /// <summary>Mean and population standard deviation over the adapters, each adapter's prediction inverted first.</summary>
    public TaskScore[] Score(IReadOnlyList<GnnSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var flops = samples.Select(s => s.GigaFlops).ToArray();
        var each = adapters.PredictEach(samples.Select(s => s.Graph).ToArray()).Select(row => Transform.Invert(row, flops)).ToArray();
        return Enumerable.Range(0, samples.Count).Select(i =>
        {
            var mean = each.Average(row => row[i]);
            return new TaskScore(mean, Math.Sqrt(each.Average(row => (row[i] - mean) * (row[i] - mean))));
        }).ToArray();
    }

    /// <summary>Label transform, base and adapters, for the blob store.</summary>
    public byte[] ToBytes() => ModelBytes.Write(ModelBytes.TaskPredictorMagic, writer =>
    {
        writer.Write((int)Transform.Kind);
        writer.Write(Transform.Mean);
        writer.Write(Transform.Std);
        var adapterBytes = adapters.ToBytes();
        writer.Write(adapterBytes.Length);
        writer.Write(adapterBytes);
    });

    public static TaskPredictor FromBytes(byte[] bytes) => ModelBytes.Read(bytes, ModelBytes.TaskPredictorMagic, reader =>
    {
        var transform = new LabelTransform((LabelTransformKind)reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble());
        return new TaskPredictor(KAdapterPredictor.FromBytes(reader.ReadBytes(reader.ReadInt32())), transform);
    });

    public void Dispose() => adapters.Dispose();
}
