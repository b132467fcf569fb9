using NasPipeline.Vision.Backbones;
using NasPipeline.TorchRuntime.Training;
using NasPipeline.Vision.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Vision.Training;

/// <summary>
/// Trains a backbone and a task head together on a task's data. Batch order comes from the seed, so with
/// seeded initial weights the same seed, machine and thread count give the same weights.
/// </summary>
public sealed class TaskTrainer(IBackbone backbone, nn.Module<Tensor[], Tensor> head, IVisionTask task, TrainerOptions options)
{
    /// <summary>Seeds torch, then builds the backbone and the task's head, so initial weights follow from the seed.</summary>
    public static (IBackbone Backbone, nn.Module<Tensor[], Tensor> Head) CreateModel(IVisionTask task, Func<IBackbone> backboneFactory, int seed)
    {
        random.manual_seed(seed);
        var backbone = backboneFactory();
        return (backbone, task.CreateHead(backbone.Features));
    }

    /// <summary>Runs the budget and returns the mean loss of the last epoch.</summary>
    public double Train(TaskData data, IProgress<TrainingProgress>? progress = null)
    {
        var parameters = backbone.Module.parameters().Concat(head.parameters()).ToArray();
        using var optimizer = new AdamOptimizer(parameters, new AdamOptions(options.LearningRate, options.WeightDecay));
        var stepsPerEpoch = (data.Count + options.BatchSize - 1) / options.BatchSize;
        var step = 0;
        var lastEpochLoss = double.NaN;
        backbone.Module.train();
        head.train();
        // One seeded stream shuffles every epoch (HashCode-style mixing would be salted per process).
        var shuffler = new Random(options.Seed);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var order = Enumerable.Range(0, data.Count).ToArray();
            shuffler.Shuffle(order);
            var lossSum = 0.0;
            var batches = 0;
            for (var start = 0; start < data.Count; start += options.BatchSize)
            {
                if (options.MaxSteps is { } max && step >= max)
                {
                    return batches > 0 ? lossSum / batches : lastEpochLoss;
                }

                var loss = Step(data, order[start..Math.Min(start + options.BatchSize, data.Count)], optimizer);
                lossSum += loss;
                batches++;
                step++;
                progress?.Report(new TrainingProgress(epoch, step, stepsPerEpoch, loss));
            }

            lastEpochLoss = lossSum / Math.Max(batches, 1);
        }

        return lastEpochLoss;
    }

    private double Step(TaskData data, int[] indices, AdamOptimizer optimizer)
    {
        using var scope = NewDisposeScope();
        using var batch = data.Batch(indices);
        optimizer.ZeroGrad();
        var prediction = head.call(backbone.Forward(batch.Inputs));
        var loss = task.Loss(prediction, batch);
        loss.backward();
        optimizer.Step();
        return loss.item<float>();
    }
}
