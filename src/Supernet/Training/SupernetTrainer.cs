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
/// (optionally) the two parts are combined by <see cref="GradientProjection"/>. <see cref="SandwichRecipe"/> weighs the
/// students, warms the rate, the teacher and the projection up and clips the update. Deterministic for a seed on one
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
    private int _totalSteps;

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
        _sampler = sampler ?? new SandwichSampler(supernet.Space, options.Seed, options.RandomSubnets, options.Sandwich.SharedResolution);
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

        _totalSteps = stepsPerEpoch * _options.Epochs;
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
                _optimizer.LearningRate = SupernetSchedule.LearningRate(_options.LearningRate, StepsDone, _totalSteps, _options.Sandwich.LearningRateWarmupFraction);
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

    /// <summary>
    /// One sandwich step on one batch (public for benchmarks and tests). Outside <see cref="Train"/> the run's length is
    /// unknown, so no warm-up applies: students train and projection (if on) combines from the first step.
    /// </summary>
    public SupernetStepReport Step(TaskBatch batch, int epoch = 0, int step = 0)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        _supernet.Module.train();
        Head.train();
        DropGradients();
        var recipe = _options.Sandwich;

        // Drawn even while the teacher warms up alone, so the later subnets are those of a run without warm-up.
        var subnets = _sampler.Next();
        var students = SupernetSchedule.TeacherOnly(recipe, StepsDone, _totalSteps) ? [] : subnets.Skip(1).ToList();

        _supernet.Activate(subnets[0]);
        var teacher = Head.call(_supernet.Forward(batch.Inputs));
        var loss = _task.Loss(teacher, batch);
        loss.backward();
        var supernetGradients = students.Count > 0 ? _parameters.Select(p => p.grad?.clone()).ToList() : [];

        var distillation = 0.0;
        using var studentWeight = (recipe.StudentLossAveraging && students.Count > 0 ? 1.0 / students.Count : 1.0).ToScalar();
        foreach (var subnet in students)
        {
            _supernet.Activate(subnet);
            var student = Head.call(_supernet.Forward(batch.Inputs));
            var kd = InPlaceDistillation.Loss(_task, student, teacher, recipe.DistillationTemperature);
            StudentLoss(recipe, kd, student, batch).mul(studentWeight).backward();
            distillation += kd.item<float>();
        }

        var conflict = students.Count > 0 ? CombineGradients(supernetGradients, _options.GradientProjection && SupernetSchedule.ProjectionOn(recipe, StepsDone, _totalSteps)) : 0.0;
        if (recipe.GradientClipNorm > 0)
        {
            GradientClipping.ClipGlobalNorm(_parameters, recipe.GradientClipNorm);
        }

        _optimizer.Step();
        StepsDone++;

        var report = new SupernetStepReport(
            epoch,
            step,
            loss.item<float>(),
            distillation / Math.Max(1, students.Count),
            conflict,
            batch.Inputs.shape[0] / Math.Max(1e-9, clock.Elapsed.TotalSeconds));
        _progress?.Report(report);
        return report;
    }

    /// <summary>One student's loss before averaging: weighted distillation, plus its own label loss where that has a weight.</summary>
    private Tensor StudentLoss(SandwichRecipe recipe, Tensor distillation, Tensor student, TaskBatch batch)
    {
        using var distillationWeight = recipe.StudentDistillationWeight.ToScalar();
        var loss = distillation.mul(distillationWeight);
        if (recipe.StudentLabelWeight > 0)
        {
            using var labelWeight = recipe.StudentLabelWeight.ToScalar();
            loss = loss.add(_task.Loss(student, batch), labelWeight);
        }

        return loss;
    }

    /// <summary>
    /// The buffers hold g_sup + g_sub; g_sup was saved after the largest subnet's backward. Measures the conflict
    /// rate and, with projection on, adds x g_sub per tensor.
    /// </summary>
    private double CombineGradients(IReadOnlyList<Tensor?> supernetGradients, bool project)
    {
        var pairs = new List<(Tensor? Supernet, Tensor? Subnet)>(_parameters.Count);
        for (var i = 0; i < _parameters.Count; i++)
        {
            var accumulated = _parameters[i].grad;
            var supernet = supernetGradients[i];
            pairs.Add((supernet, accumulated is null ? null : supernet is null ? accumulated : accumulated.sub(supernet)));
        }

        var conflict = GradientConflict.Rate(pairs);
        if (project)
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

    public void Dispose() => _optimizer.Dispose();
}
