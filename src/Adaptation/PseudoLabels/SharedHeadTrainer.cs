using NasPipeline.Supernet;
using NasPipeline.TorchRuntime.Training;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.PseudoLabels;

/// <summary>
/// AIO-P's shared task head: a head of the task trained, with the supernet frozen in eval mode, on latents drawn from
/// the rolling population's feature distribution (<c>mean + ε·std</c> per level), one population member replaced per
/// step. The head fits the family rather than any one subnet, so a brief per-network fine-tune can start from it.
/// </summary>
public static class SharedHeadTrainer
{
    public static nn.Module<Tensor[], Tensor> Train(ISupernet supernet, IVisionTask task, TaskData data, SharedHeadOptions options,
        IProgress<TrainingProgress>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Steps, 1, nameof(options.Steps));
        random.manual_seed(options.Seed);
        var head = task.CreateHead(supernet.Features);
        var population = new LatentPopulation(supernet.Space, options.PopulationSize, options.Bins, options.Seed, options.HeldGenes);
        var noise = new Generator((ulong)options.Seed);
        var batches = new SeededBatches(options.Seed, data.Count, options.BatchSize);
        var trainable = head.parameters().ToArray();
        using var optimizer = new AdamOptimizer(trainable, new AdamOptions(options.LearningRate, options.WeightDecay));
        supernet.Module.eval();
        head.train();
        for (var step = 0; step < options.Steps; step++)
        {
            if (step > 0)
            {
                population.Advance();
            }

            using var scope = NewDisposeScope();
            using var batch = data.Batch(batches.At(step));
            var latents = LatentStatistics.Of(supernet, population.Members, batch.Inputs);
            optimizer.ZeroGrad();
            var loss = task.Loss(head.call(LatentStatistics.Sample(latents, noise)), batch);
            loss.backward();
            optimizer.Step();
            progress?.Report(new TrainingProgress(step / batches.StepsPerEpoch, step + 1, batches.StepsPerEpoch, loss.item<float>()));
        }

        head.eval();
        return head;
    }
}
