using System.Diagnostics;
using NasPipeline.Supernet;
using NasPipeline.TorchRuntime.Training;
using NasPipeline.Vision.Backbones;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Adaptation.PseudoLabels;

/// <summary>A pseudo-label: the task metric on the validation split after the brief fine-tune, and what it cost.</summary>
public sealed record PseudoLabel(double Value, double Seconds);

/// <summary>
/// AIO-P's pseudo-label for one subnet and task: the subnet taken out of the supernet with its inherited weights, a
/// copy of the task's shared head on top, the stem and first stage frozen (weights and BN statistics), a brief
/// fine-tune of the rest, then the task metric on the validation split. The body and head are fresh copies: the
/// supernet and the shared head are left as they were.
/// </summary>
public static class PseudoLabeler
{
    /// <summary>Parameter and module names of an extracted subnet's stem and first stage.</summary>
    public static bool IsFrozen(string name) =>
        name.StartsWith("stem", StringComparison.Ordinal) || name == "stages.0" || name.StartsWith("stages.0.", StringComparison.Ordinal);

    public static PseudoLabel Label(ISupernet supernet, IReadOnlyList<int> point, nn.Module<Tensor[], Tensor> sharedHead, IVisionTask task,
        TaskData train, TaskData validation, PseudoLabelOptions options)
    {
        var clock = Stopwatch.StartNew();
        var body = supernet.Extract(point);
        var head = task.CreateHead(body.Features);
        head.load_state_dict(sharedHead.state_dict());
        FineTune(body, head, task, train, options);
        var value = TaskEvaluator.Evaluate(body, head, task, validation);
        return new PseudoLabel(value, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The brief fine-tune with the stem and first stage frozen.</summary>
    public static void FineTune(IBackbone body, nn.Module<Tensor[], Tensor> head, IVisionTask task, TaskData train, PseudoLabelOptions options) =>
        FineTune(body, head, task, train, options, IsFrozen);

    /// <summary>The brief fine-tune: AdamW over the head and the body's parameters that <paramref name="isFrozen"/> does
    /// not name; the body's modules it names stay in eval mode (their BatchNorm statistics are kept too).</summary>
    public static void FineTune(IBackbone body, nn.Module<Tensor[], Tensor> head, IVisionTask task, TaskData train, PseudoLabelOptions options,
        Func<string, bool> isFrozen)
    {
        var trainable = body.Module.named_parameters().Where(p => !isFrozen(p.name)).Select(p => p.parameter).Concat(head.parameters()).ToArray();
        foreach (var (name, parameter) in body.Module.named_parameters())
        {
            parameter.requires_grad = !isFrozen(name);
        }

        using var optimizer = new AdamOptimizer(trainable, new AdamOptions(options.LearningRate, options.WeightDecay));
        body.Module.train();
        head.train();
        foreach (var (name, module) in body.Module.named_modules())
        {
            if (isFrozen(name))
            {
                module.eval();
            }
        }

        var batches = new SeededBatches(options.Seed, train.Count, options.BatchSize);
        for (var step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            using var batch = train.Batch(batches.At(step));
            optimizer.ZeroGrad();
            var loss = task.Loss(head.call(body.Forward(batch.Inputs)), batch);
            loss.backward();
            optimizer.Step();
        }
    }
}
