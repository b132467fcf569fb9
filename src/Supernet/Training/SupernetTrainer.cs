using System.Diagnostics;
using NasPipeline.Supernet.Gradients;
using NasPipeline.Supernet.Sandwich;
using NasPipeline.TorchRuntime.Training;
using NasPipeline.Vision.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Supernet.Training;

/// <summary>
/// Trains a supernet and a task head with the sandwich rule: each step, the largest subnet learns from the labels,
/// the smallest and a few random ones by in-place distillation from it; gradients accumulate over the sandwich and
/// (optionally) the two parts are combined by <see cref="GradientProjection"/>. Deterministic for a seed on one
/// thread count.
/// </summary>
public sealed class SupernetTrainer : IDisposable
{
    private readonly ISupernet _supernet;
    private readonly IVisionTask _task;
    private readonly SupernetTrainingOptions _options;
    private readonly IProgress<SupernetStepReport>? _progress;
    private readonly ISubnetSampler _sampler;
    private readonly Random _order;
    private readonly List<TorchSharp.Modules.Parameter> _parameters;
    private readonly IParameterOptimizer _optimizer;

    /// <param name="head">The task head; null creates one with <see cref="IVisionTask.CreateHead"/>, seeded from the options.</param>
    /// <param name="sampler">The subnets of each step; null is the sandwich rule over the supernet's space.</param>
    public SupernetTrainer(
        ISupernet supernet,
        IVisionTask task,
        SupernetTrainingOptions options,
        IProgress<SupernetStepReport>? progress = null,
        nn.Module<Tensor[], Tensor>? head = null,
        ISubnetSampler? sampler = null)
    {
        _supernet = supernet;
        _task = task;
        _options = options;
        _progress = progress;
        _sampler = sampler ?? new SandwichSampler(supernet.Space, options.Seed, options.RandomSubnets);
        _order = new Random(options.Seed + 1);
        if (head is null)
        {
            // The head's layers initialise from libtorch's global generator.
            manual_seed(options.Seed);
            head = task.CreateHead(supernet.Features);
        }

        Head = head;
        _parameters = [.. supernet.Module.parameters(), .. Head.parameters()];
        _optimizer = options.Optimizer == SupernetOptimizer.AdamW
            ? new AdamOptimizer(_parameters, new AdamOptions(options.LearningRate, options.WeightDecay))
            : new MomentumSgd(_parameters, options.LearningRate, options.Momentum, options.WeightDecay);
    }

    public nn.Module<Tensor[], Tensor> Head { get; }

    public int StepsDone { get; private set; }

    public IReadOnlyList<SupernetEpochReport> Train(TaskData data, IProgress<SupernetEpochReport>? epochs = null, CancellationToken cancellation = default)
    {
        var stepsPerEpoch = Math.Min(data.Count / _options.BatchSize, _options.StepsPerEpoch ?? int.MaxValue);
        if (stepsPerEpoch < 1)
        {
            throw new ArgumentException($"{data.Count} samples make no batch of {_options.BatchSize}.", nameof(data));
        }

        var totalSteps = stepsPerEpoch * _options.Epochs;
        var reports = new List<SupernetEpochReport>(_options.Epochs);
        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var indices = Enumerable.Range(0, data.Count).ToArray();
            _order.Shuffle(indices);
            double loss = 0, distillation = 0, conflict = 0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                _optimizer.LearningRate = CosineLearningRate(StepsDone, totalSteps);
                using var batch = data.Batch(new ArraySegment<int>(indices, step * _options.BatchSize, _options.BatchSize));
                var stepReport = Step(batch, epoch, step);
                loss += stepReport.Loss;
                distillation += stepReport.DistillationLoss;
                conflict += stepReport.GradientConflict;
            }

            var report = new SupernetEpochReport(epoch, stepsPerEpoch, loss / stepsPerEpoch, distillation / stepsPerEpoch, conflict / stepsPerEpoch, clock.Elapsed.TotalSeconds);
            reports.Add(report);
            epochs?.Report(report);
        }

        return reports;
    }

    /// <summary>One sandwich step on one batch (public for benchmarks and tests).</summary>
    public SupernetStepReport Step(TaskBatch batch, int epoch = 0, int step = 0)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        _supernet.Module.train();
        Head.train();
        DropGradients();
        var subnets = _sampler.Next();

        _supernet.Activate(subnets[0]);
        var teacher = Head.call(_supernet.Forward(batch.Inputs));
        var loss = _task.Loss(teacher, batch);
        loss.backward();
        var supernetGradients = _parameters.Select(p => p.grad?.clone()).ToList();

        var distillation = 0.0;
        foreach (var subnet in subnets.Skip(1))
        {
            _supernet.Activate(subnet);
            var student = Head.call(_supernet.Forward(batch.Inputs));
            var subnetLoss = InPlaceDistillation.Loss(_task, student, teacher);
            subnetLoss.backward();
            distillation += subnetLoss.item<float>();
        }

        var conflict = CombineGradients(supernetGradients);
        _optimizer.Step();
        StepsDone++;

        var report = new SupernetStepReport(
            epoch,
            step,
            loss.item<float>(),
            distillation / Math.Max(1, subnets.Count - 1),
            conflict,
            batch.Inputs.shape[0] / Math.Max(1e-9, clock.Elapsed.TotalSeconds));
        _progress?.Report(report);
        return report;
    }

    /// <summary>
    /// The buffers hold g_sup + g_sub; g_sup was saved after the largest subnet's backward. Measures the conflict
    /// rate and, with projection on, adds x g_sub per tensor.
    /// </summary>
    private double CombineGradients(IReadOnlyList<Tensor?> supernetGradients)
    {
        var pairs = new List<(Tensor? Supernet, Tensor? Subnet)>(_parameters.Count);
        for (var i = 0; i < _parameters.Count; i++)
        {
            var accumulated = _parameters[i].grad;
            var supernet = supernetGradients[i];
            pairs.Add((supernet, accumulated is null ? null : supernet is null ? accumulated : accumulated.sub(supernet)));
        }

        var conflict = GradientConflict.Rate(pairs);
        if (_options.GradientProjection)
        {
            for (var i = 0; i < _parameters.Count; i++)
            {
                if (_parameters[i].grad is { } accumulated && supernetGradients[i] is { } supernet)
                {
                    GradientProjection.ApplyInPlace(accumulated, supernet);
                }
            }
        }

        return conflict;
    }

    /// <summary>None rather than zeros, so a parameter no subnet of this step used is left alone by the update.</summary>
    private void DropGradients()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad = null;
        }
    }

    private double CosineLearningRate(int step, int totalSteps) =>
        0.5 * _options.LearningRate * (1 + Math.Cos(Math.PI * step / Math.Max(1, totalSteps)));

    public void Dispose() => _optimizer.Dispose();
}
