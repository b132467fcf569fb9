using System.Diagnostics;
using System.Text;
using NasPipeline.Fna.Costs;
using NasPipeline.Fna.Super;
using NasPipeline.TorchRuntime;
using NasPipeline.TorchRuntime.Training;
using NasPipeline.Vision.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Adaptation;

/// <summary>
/// FNA's differentiable architecture adaptation (Fang et al., ICLR 2020) on a super network expanded from the seed:
/// the training data are split in halves by the seed; weight steps train the super network's weights and the task
/// head on one half, each layer running one candidate sampled from softmax(α); α steps train α alone on the other
/// half through every layer's softmax(α)-weighted mixture, with loss = task loss + λ·log10(E[MACs]), E[MACs] the
/// stem's MACs plus each layer's candidate MACs weighted by its probabilities. The derived architecture takes each
/// layer's most probable candidate.
/// <para>It runs whole (<see cref="Run"/>) or in chunks of steps (<see cref="Train"/>) with its state saved between
/// them (<see cref="SaveState"/>): every draw of a step follows from the seed and the step's number, so a chunk run by
/// a fresh instance restored from the last state computes what one uninterrupted run computes.</para>
/// </summary>
public sealed class ArchitectureAdaptation : IDisposable
{
    private const string Magic = "NASP-FNA-ARCHITECTURE";
    private const int Version = 2;

    private readonly SuperChain _super;
    private readonly nn.Module<Tensor[], Tensor> _head;
    private readonly IVisionTask _task;
    private readonly SuperChainCosts _costs;
    private readonly ArchitectureAdaptationOptions _options;
    private readonly Parameter[] _weights;
    private readonly AdamOptimizer _weightOptimizer;
    private readonly AdamOptimizer _alphaOptimizer;
    private readonly Tensor[] _macs;
    private readonly Tensor _fixedMacs;
    private readonly Tensor _costWeight;
    private Position? _position;

    public ArchitectureAdaptation(SuperChain super, nn.Module<Tensor[], Tensor> head, IVisionTask task, SuperChainCosts costs, ArchitectureAdaptationOptions options)
    {
        (_super, _head, _task, _costs, _options) = (super, head, task, costs, options);
        _weights = super.Weights.Concat(head.parameters()).ToArray();
        _weightOptimizer = new AdamOptimizer(_weights, new AdamOptions(options.WeightLearningRate));
        GiveZeroGradients(_weights);
        _alphaOptimizer = new AdamOptimizer(super.Alphas, new AdamOptions(options.AlphaLearningRate));
        _macs = costs.CandidateMacs.Select(c => tensor(c.Select(m => (float)m).ToArray()).DetachFromDisposeScope()).ToArray();
        _fixedMacs = tensor((float)costs.FixedMacs).DetachFromDisposeScope();
        _costWeight = tensor((float)options.CostWeight).DetachFromDisposeScope();
    }

    /// <summary>Weight steps per epoch on <paramref name="count"/> samples: the weight half in batches (a half smaller
    /// than a batch still takes a step, on all of it), at most <see cref="ArchitectureAdaptationOptions.MaxStepsPerEpoch"/>.</summary>
    public static int StepsPerEpoch(int count, ArchitectureAdaptationOptions options)
    {
        if (count < 2)
        {
            throw new ArgumentException($"Architecture adaptation splits the data between weights and α: it needs at least 2 samples, not {count}.", nameof(count));
        }

        var half = count / 2;
        return Math.Min(half / Math.Min(options.BatchSize, half), options.MaxStepsPerEpoch ?? int.MaxValue);
    }

    /// <summary>Every step of the adaptation: warm-up and search epochs.</summary>
    public static int TotalSteps(int count, ArchitectureAdaptationOptions options) => StepsPerEpoch(count, options) * (options.WarmupEpochs + options.SearchEpochs);

    public ArchitectureAdaptationResult Run(TaskData data, IProgress<ArchitectureAdaptationProgress>? progress = null)
    {
        Train(data, 0, TotalSteps(data.Count, _options), progress);
        return Result();
    }

    /// <summary>Steps [<paramref name="fromStep"/>, <paramref name="toStep"/>) on <paramref name="data"/> (always the
    /// whole training set: the halves and batches are drawn from it by the seed).</summary>
    public ArchitectureChunkResult Train(TaskData data, int fromStep, int toStep, IProgress<ArchitectureAdaptationProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var total = TotalSteps(data.Count, _options);
        if (fromStep < 0 || toStep > total || fromStep > toStep)
        {
            throw new ArgumentOutOfRangeException(nameof(toStep), $"Steps [{fromStep}, {toStep}) are not within the adaptation's {total}.");
        }

        var position = PositionAt(data.Count, fromStep);
        var stepsPerEpoch = StepsPerEpoch(data.Count, _options);
        var batchSize = Math.Min(_options.BatchSize, position.WeightHalf.Length);
        var clock = Stopwatch.StartNew();
        var (loss, expected) = (0.0, (double?)null);
        _super.Module.train();
        _head.train();
        for (var step = fromStep; step < toStep; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (epoch, b) = (step / stepsPerEpoch, step % stepsPerEpoch);
            if (b == 0)
            {
                position.ShuffleForEpoch();
            }

            var weightLoss = WeightStep(data, position.WeightHalf.AsSpan(b * batchSize, batchSize).ToArray(), position.Sampler);
            expected = null;
            var searching = epoch >= _options.WarmupEpochs;
            if (searching)
            {
                var size = Math.Min(_options.AlphaBatchSize ?? batchSize, position.AlphaHalf.Length);
                var start = (b * size) % (position.AlphaHalf.Length - size + 1);
                expected = AlphaStep(data, position.AlphaHalf.AsSpan(start, size).ToArray());
            }

            loss += weightLoss;
            position.Step = step + 1;
            progress?.Report(new ArchitectureAdaptationProgress(epoch, step + 1, stepsPerEpoch, searching, weightLoss, expected));
        }

        return new ArchitectureChunkResult(toStep - fromStep, loss / Math.Max(1, toStep - fromStep), expected, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The data's indices split in two halves by <paramref name="seed"/>: weights train on the first, α on the second.</summary>
    internal static (int[] Weights, int[] Alphas) Split(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return (order[..(count / 2)], order[(count / 2)..]);
    }

    /// <summary>What the next chunk needs: the super network's weights, BN statistics and α, the head's, and both
    /// optimizers' moments.</summary>
    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            ModuleBytes.Write(writer, _super);
            ModuleBytes.Write(writer, _head);
            _weightOptimizer.SaveState(writer);
            _alphaOptimizer.SaveState(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Continues from <see cref="SaveState"/>'s bytes, taken from an adaptation built the same way.</summary>
    public void RestoreState(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state), Encoding.UTF8);
        if (reader.ReadString() != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException($"Not an architecture adaptation state of format {Version}.");
        }

        ModuleBytes.Read(reader, _super);
        ModuleBytes.Read(reader, _head);
        _weightOptimizer.LoadState(reader);
        _alphaOptimizer.LoadState(reader);
    }

    /// <summary>
    /// Adam skips a weight without a gradient but moves one whose gradient is zero by its moments, and a weight holds a
    /// (zeroed) gradient from the first step that reached it on. Which weights did would then be history a resumed chunk
    /// cannot see. Every weight holds one from the start instead: a weight no step has reached has zero moments, so Adam
    /// leaves it exactly as it is, and the state needs no record of it.
    /// </summary>
    private static void GiveZeroGradients(IReadOnlyList<Parameter> weights)
    {
        using var scope = NewDisposeScope();
        using var zero = 0.ToScalar();
        weights.Select(w => w.sum()).Aggregate((a, b) => a.add(b, HeldScalars.One)).mul(zero).backward();
    }

    /// <summary>The derived architecture under the current α (argmax, or the MAC budget's derivation).</summary>
    public ArchitectureAdaptationResult Result()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var probabilities = _super.Probabilities().Select(p => (IReadOnlyList<double>)p.OnCpu().data<float>().Select(v => (double)v).ToList()).ToList();
        var expected = _costs.FixedMacs + probabilities.Select((p, layer) => p.Select((v, c) => v * _costs.CandidateMacs[layer][c]).Sum()).Sum();
        var choices = _options.MacBudget is { } budget
            ? BudgetedDerivation.Choose(probabilities, _costs, budget)
            : probabilities.Select(p => p.ToList().IndexOf(p.Max())).ToList();
        return new ArchitectureAdaptationResult(_super.Derive(choices), probabilities, expected, _costs.MacsOf(choices), _position?.Step ?? 0);
    }

    public void Dispose()
    {
        _weightOptimizer.Dispose();
        _alphaOptimizer.Dispose();
        foreach (var m in _macs)
        {
            m.Dispose();
        }

        _fixedMacs.Dispose();
        _costWeight.Dispose();
    }

    /// <summary>The draws as they stand before <paramref name="step"/>: the halves as shuffled at each epoch's start so
    /// far, and one path draw per layer per step taken (a <see cref="Random"/> cannot be saved, so it is replayed).</summary>
    private Position PositionAt(int count, int step)
    {
        if (_position is { } held && held.Count == count && held.Step == step)
        {
            return held;
        }

        var (weightHalf, alphaHalf) = Split(count, _options.Seed);
        var position = new Position(count, weightHalf, alphaHalf, new Random(_options.Seed), new Random(_options.Seed + 1));
        var stepsPerEpoch = StepsPerEpoch(count, _options);
        for (var epochStart = 0; epochStart < step; epochStart += stepsPerEpoch)
        {
            position.ShuffleForEpoch();
        }

        for (var draw = 0L; draw < (long)step * _super.Layers.Count; draw++)
        {
            position.Sampler.NextDouble();
        }

        position.Step = step;
        return _position = position;
    }

    private double WeightStep(TaskData data, int[] indices, Random sampler)
    {
        using var scope = NewDisposeScope();
        _super.UsePath(SamplePath(sampler));
        using var batch = data.Batch(indices);
        _weightOptimizer.ZeroGrad();
        var loss = _task.Loss(_head.call(_super.Forward(batch.Inputs)), batch);
        loss.backward();
        _weightOptimizer.Step();
        return loss.item<float>();
    }

    private double AlphaStep(TaskData data, int[] indices)
    {
        using var scope = NewDisposeScope();
        _super.UseMixture();
        using var batch = data.Batch(indices);
        _alphaOptimizer.ZeroGrad();
        var expected = ExpectedMacs();
        var loss = _task.Loss(_head.call(_super.Forward(batch.Inputs)), batch).add(log10(expected).mul(_costWeight), HeldScalars.One);
        loss.backward();
        _alphaOptimizer.Step();

        // The mixture's backward also filled the weights' gradients; the next weight step must not see them.
        _weightOptimizer.ZeroGrad();
        return expected.item<float>();
    }

    private Tensor ExpectedMacs()
    {
        var total = _fixedMacs;
        var probabilities = _super.Probabilities();
        for (var layer = 0; layer < _macs.Length; layer++)
        {
            total = total.add(probabilities[layer].mul(_macs[layer]).sum(), HeldScalars.One);
        }

        return total;
    }

    /// <summary>One candidate per layer, drawn from the layer's softmax(α).</summary>
    private IReadOnlyList<IReadOnlyList<int>> SamplePath(Random sampler)
    {
        using var noGrad = no_grad();
        var probabilities = _super.Probabilities().Select(p => p.OnCpu().data<float>().ToArray()).ToList();
        var path = new List<IReadOnlyList<int>>();
        var index = 0;
        foreach (var stage in _super.Stages)
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

    /// <summary>Where the seeded draws stand: the halves (shuffled in place at each epoch's start), the path sampler,
    /// the shuffler, and the next step they serve.</summary>
    private sealed class Position(int count, int[] weightHalf, int[] alphaHalf, Random sampler, Random shuffler)
    {
        public int Count => count;

        public int[] WeightHalf => weightHalf;

        public int[] AlphaHalf => alphaHalf;

        public Random Sampler => sampler;

        public int Step { get; set; }

        public void ShuffleForEpoch()
        {
            shuffler.Shuffle(weightHalf);
            shuffler.Shuffle(alphaHalf);
        }
    }
}

/// <summary>A chunk of the architecture adaptation: its steps, their mean weight-step loss, the expected MACs after its
/// last step (null while α has not trained) and its wall time.</summary>
public sealed record ArchitectureChunkResult(int Steps, double MeanLoss, double? ExpectedMacs, double Seconds);
