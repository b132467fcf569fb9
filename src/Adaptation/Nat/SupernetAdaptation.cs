using System.Diagnostics;
using NasPipeline.Contracts.Seeds;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet;
using NasPipeline.TorchRuntime.Training;
using NasPipeline.Vision.Tasks;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.Nat;

/// <summary>
/// NAT's supernet adaptation: every step fine-tunes the shared weights (and the task head) on one batch through one
/// subnet drawn from the archive's distribution, with the task's own loss. Unlike the sandwich rule there is no
/// teacher: the supernet is already trained and only has to get better at the subnets the search now keeps.
/// </summary>
public sealed class SupernetAdaptation : IDisposable
{
    private const long SubnetStream = 2;

    private readonly ISupernet _supernet;
    private readonly nn.Module<Tensor[], Tensor> _head;
    private readonly IVisionTask _task;
    private readonly ArchiveDistribution _distribution;
    private readonly AdaptationSchedule _schedule;
    private readonly List<TorchSharp.Modules.Parameter> _parameters;
    private readonly AdamOptimizer _optimizer;

    public SupernetAdaptation(ISupernet supernet, nn.Module<Tensor[], Tensor> head, IVisionTask task, ArchiveDistribution distribution, AdaptationSchedule schedule)
    {
        _supernet = supernet;
        _head = head;
        _task = task;
        _distribution = distribution;
        _schedule = schedule;
        _parameters = [.. supernet.Module.parameters(), .. head.parameters()];
        _optimizer = new AdamOptimizer(_parameters, new AdamOptions(schedule.LearningRate, schedule.WeightDecay));
    }

    /// <summary>The optimizer's state at a chunk boundary (the weights are saved with the supernet's checkpoint).</summary>
    public byte[] SaveOptimizer()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            _optimizer.SaveState(writer);
        }

        return stream.ToArray();
    }

    public void RestoreOptimizer(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        _optimizer.LoadState(reader);
    }

    /// <summary>The subnet step <paramref name="step"/> trains (repaired).</summary>
    public IReadOnlyList<int> SubnetAt(int step) =>
        _supernet.Space.Repair(_distribution.Sample(new Random(SplitMix64.Derive(_schedule.Seed, (SubnetStream << 32) + step))));

    /// <summary>Steps [<paramref name="fromStep"/>, <paramref name="toStep"/>); returns the mean task loss.</summary>
    public AdaptationChunkResult Train(TaskData data, int fromStep, int toStep, IProgress<int>? stepsDone = null, CancellationToken cancellation = default)
    {
        var batches = new SeededBatches(_schedule.Seed, data.Count, _schedule.BatchSize);
        var clock = Stopwatch.StartNew();
        var loss = 0.0;
        for (var step = fromStep; step < toStep; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            loss += Step(data, batches.At(step), step);
            stepsDone?.Report(step + 1);
        }

        return new AdaptationChunkResult(toStep - fromStep, loss / Math.Max(1, toStep - fromStep), clock.Elapsed.TotalSeconds);
    }

    private double Step(TaskData data, IReadOnlyList<int> indices, int step)
    {
        using var scope = NewDisposeScope();
        _supernet.Module.train();
        _head.train();
        foreach (var parameter in _parameters)
        {
            // None rather than zeros: weights the step's subnet does not use keep their value and their moments.
            parameter.grad = null;
        }

        _supernet.Activate(SubnetAt(step));
        using var batch = data.Batch(indices);
        var loss = _task.Loss(_head.call(_supernet.Forward(batch.Inputs)), batch);
        loss.backward();
        _optimizer.LearningRate = _schedule.LearningRateAt(step);
        _optimizer.Step();
        return loss.item<float>();
    }

    public void Dispose() => _optimizer.Dispose();
}

/// <summary>What a chunk of adaptation did: its steps, their mean task loss, wall time.</summary>
public sealed record AdaptationChunkResult(int Steps, double MeanLoss, double Seconds);
