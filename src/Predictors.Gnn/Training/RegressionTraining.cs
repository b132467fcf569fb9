namespace NasPipeline.Predictors.Gnn.Training;

using System.Diagnostics;
using NasPipeline.Predictors.Gnn.Featurisation;
using NasPipeline.TorchRuntime;
using NasPipeline.TorchRuntime.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>
/// The MSE / Adam loop shared by <see cref="GraphRegressor"/> and the K-Adapter predictor. The forward
/// returns predictions shaped [..., graphs]; each leading row (an adapter) is compared with the same labels.
/// <c>epochDone(epoch, meanLoss)</c> reports progress after each epoch (epochs count from 1).
/// </summary>
internal static class RegressionTraining
{
    public static FitReport Fit(
        IReadOnlyList<Parameter> trainable,
        Func<GraphBatch, Tensor> forward,
        IReadOnlyList<GraphSample> samples,
        IReadOnlyList<double> labels,
        int epochs,
        int batchSize,
        double learningRate,
        Random random,
        Action<int, double>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        if (samples.Count != labels.Count || samples.Count == 0)
        {
            throw new ArgumentException($"Need as many labels as graphs, and at least one: {samples.Count} graphs, {labels.Count} labels.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        if (trainable.Count == 0)
        {
            throw new InvalidOperationException("Nothing to train: every parameter is frozen.");
        }

        var clock = Stopwatch.StartNew();
        using var optimizer = new AdamOptimizer(trainable, new AdamOptions(learningRate));
        var losses = new List<double>(epochs);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            double sum = 0;
            foreach (var indices in MiniBatches.Shuffled(samples.Count, batchSize, random))
            {
                using var scope = NewDisposeScope();
                var batch = GraphBatch.From(indices.Select(i => samples[i]).ToArray());
                var target = tensor(indices.Select(i => (float)labels[i]).ToArray());
                optimizer.ZeroGrad();
                var error = forward(batch) - target;
                var loss = (error * error).mean();
                loss.backward();
                optimizer.Step();
                sum += loss.item<float>() * indices.Length;
            }

            losses.Add(sum / samples.Count);
            epochDone?.Invoke(epoch + 1, losses[^1]);
        }

        return new FitReport(losses, clock.Elapsed);
    }

    /// <summary>Runs <paramref name="forward"/> without gradients over in-order batches; returns [rows, graphs] as doubles.</summary>
    public static double[][] Predict(Func<GraphBatch, Tensor> forward, IReadOnlyList<GraphSample> samples, int rows, int batchSize, int nodeBudget)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var result = Enumerable.Range(0, rows).Select(_ => new double[samples.Count]).ToArray();
        using var noGrad = no_grad();
        foreach (var indices in MiniBatches.SequentialByNodes(samples.Select(s => s.NodeCount).ToList(), batchSize, nodeBudget))
        {
            using var scope = NewDisposeScope();
            var predicted = forward(GraphBatch.From(indices.Select(i => samples[i]).ToArray())).reshape(rows, indices.Length);
            var values = predicted.to_type(ScalarType.Float64).OnCpu().data<double>().ToArray();
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < indices.Length; c++)
                {
                    result[r][indices[c]] = values[r * indices.Length + c];
                }
            }
        }

        return result;
    }
}
