using NasPipeline.Fna.Costs;
using NasPipeline.Fna.Super;
using NasPipeline.TorchRuntime;
using NasPipeline.TorchRuntime.Training;
using NasPipeline.Vision.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Adaptation;

/// <summary>
/// FNA's differentiable architecture adaptation (Fang et al., ICLR 2020) on a super network expanded from the seed:
/// the training data are split in halves by the seed; weight steps train the super network's weights and the task
/// head on one half, each layer running one candidate sampled from softmax(α); α steps train α alone on the other
/// half through every layer's softmax(α)-weighted mixture, with loss = task loss + λ·log10(E[MACs]), E[MACs] the
/// stem's MACs plus each layer's candidate MACs weighted by its probabilities. The derived architecture takes each
/// layer's most probable candidate.
/// </summary>
public sealed class ArchitectureAdaptation(SuperChain super, nn.Module<Tensor[], Tensor> head, IVisionTask task, SuperChainCosts costs, ArchitectureAdaptationOptions options)
{
    public ArchitectureAdaptationResult Run(TaskData data, IProgress<ArchitectureAdaptationProgress>? progress = null)
    {
        if (data.Count < 2)
        {
            throw new ArgumentException($"Architecture adaptation splits the data between weights and α: it needs at least 2 samples, not {data.Count}.", nameof(data));
        }

        var (weightHalf, alphaHalf) = Split(data.Count, options.Seed);
        // A half smaller than a batch still takes a step per epoch, on all of it.
        var batchSize = Math.Min(options.BatchSize, weightHalf.Length);
        var weights = super.Weights.Concat(head.parameters()).ToArray();
        using var weightOptimizer = new AdamOptimizer(weights, new AdamOptions(options.WeightLearningRate));
        using var alphaOptimizer = new AdamOptimizer(super.Alphas, new AdamOptions(options.AlphaLearningRate));
        var macs = costs.CandidateMacs.Select(c => tensor(c.Select(m => (float)m).ToArray()).DetachFromDisposeScope()).ToArray();
        using var fixedMacs = tensor((float)costs.FixedMacs);
        using var costWeight = tensor((float)options.CostWeight);
        var sampler = new Random(options.Seed);
        var shuffler = new Random(options.Seed + 1);
        var stepsPerEpoch = Math.Min(weightHalf.Length / batchSize, options.MaxStepsPerEpoch ?? int.MaxValue);
        var step = 0;
        super.Module.train();
        head.train();
        try
        {
            for (var epoch = 0; epoch < options.WarmupEpochs + options.SearchEpochs; epoch++)
            {
                var searching = epoch >= options.WarmupEpochs;
                shuffler.Shuffle(weightHalf);
                shuffler.Shuffle(alphaHalf);
                for (var b = 0; b < stepsPerEpoch; b++)
                {
                    var weightLoss = WeightStep(data, weightHalf.AsSpan(b * batchSize, batchSize).ToArray(), sampler, weightOptimizer);
                    double? expected = null;
                    if (searching)
                    {
                        var size = Math.Min(options.AlphaBatchSize ?? batchSize, alphaHalf.Length);
                        var start = (b * size) % (alphaHalf.Length - size + 1);
                        expected = AlphaStep(data, alphaHalf.AsSpan(start, size).ToArray(), alphaOptimizer, weightOptimizer, macs, fixedMacs, costWeight);
                    }

                    step++;
                    progress?.Report(new ArchitectureAdaptationProgress(epoch, step, stepsPerEpoch, searching, weightLoss, expected));
                }
            }
        }
        finally
        {
            foreach (var m in macs)
            {
                m.Dispose();
            }
        }

        return Result(step);
    }

    /// <summary>The data's indices split in two halves by <paramref name="seed"/>: weights train on the first, α on the second.</summary>
    internal static (int[] Weights, int[] Alphas) Split(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return (order[..(count / 2)], order[(count / 2)..]);
    }

    private double WeightStep(TaskData data, int[] indices, Random sampler, AdamOptimizer optimizer)
    {
        using var scope = NewDisposeScope();
        super.UsePath(SamplePath(sampler));
        using var batch = data.Batch(indices);
        optimizer.ZeroGrad();
        var loss = task.Loss(head.call(super.Forward(batch.Inputs)), batch);
        loss.backward();
        optimizer.Step();
        return loss.item<float>();
    }

    private double AlphaStep(TaskData data, int[] indices, AdamOptimizer alphaOptimizer, AdamOptimizer weightOptimizer, Tensor[] macs, Tensor fixedMacs, Tensor costWeight)
    {
        using var scope = NewDisposeScope();
        super.UseMixture();
        using var batch = data.Batch(indices);
        alphaOptimizer.ZeroGrad();
        var expected = ExpectedMacs(macs, fixedMacs);
        var loss = task.Loss(head.call(super.Forward(batch.Inputs)), batch).add(log10(expected).mul(costWeight), HeldScalars.One);
        loss.backward();
        alphaOptimizer.Step();

        // The mixture's backward also filled the weights' gradients; the next weight step must not see them.
        weightOptimizer.ZeroGrad();
        return expected.item<float>();
    }

    private Tensor ExpectedMacs(Tensor[] macs, Tensor fixedMacs)
    {
        var total = fixedMacs;
        var probabilities = super.Probabilities();
        for (var layer = 0; layer < macs.Length; layer++)
        {
            total = total.add(probabilities[layer].mul(macs[layer]).sum(), HeldScalars.One);
        }

        return total;
    }

    /// <summary>One candidate per layer, drawn from the layer's softmax(α).</summary>
    private IReadOnlyList<IReadOnlyList<int>> SamplePath(Random sampler)
    {
        using var noGrad = no_grad();
        var probabilities = super.Probabilities().Select(p => p.OnCpu().data<float>().ToArray()).ToList();
        var path = new List<IReadOnlyList<int>>();
        var index = 0;
        foreach (var stage in super.Stages)
        {
            path.Add(stage.Select(_ => Draw(probabilities[index++], sampler)).ToList());
        }

        return path;
    }

    private static int Draw(float[] probabilities, Random sampler)
    {
        var u = sampler.NextDouble();
        var cumulative = 0.0;
        for (var i = 0; i < probabilities.Length - 1; i++)
        {
            cumulative += probabilities[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return probabilities.Length - 1;
    }

    private ArchitectureAdaptationResult Result(int steps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var probabilities = super.Probabilities().Select(p => (IReadOnlyList<double>)p.OnCpu().data<float>().Select(v => (double)v).ToList()).ToList();
        var expected = costs.FixedMacs + probabilities.Select((p, layer) => p.Select((v, c) => v * costs.CandidateMacs[layer][c]).Sum()).Sum();
        var choices = options.MacBudget is { } budget
            ? BudgetedDerivation.Choose(probabilities, costs, budget)
            : probabilities.Select(p => p.ToList().IndexOf(p.Max())).ToList();
        return new ArchitectureAdaptationResult(super.Derive(choices), probabilities, expected, costs.MacsOf(choices), steps);
    }
}
