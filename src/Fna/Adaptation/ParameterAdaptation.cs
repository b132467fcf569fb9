using NasPipeline.Fna.Chains;
using NasPipeline.Fna.Remapping;
using NasPipeline.Vision.Tasks;
using NasPipeline.Vision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NasPipeline.Fna.Adaptation;

/// <summary>
/// FNA's parameter adaptation: the derived network starts from the seed's parameters remapped into it (and the seed's
/// head, whose shape the derived network keeps), is fine-tuned with the task's recipe and measured on held-out data.
/// A seed trained on another task passes no head: the task's head then starts from its seeded initialisation in both
/// arms. <see cref="Initialisation.Random"/> trains the same network from its seeded random initialisation instead: the
/// control FNA's claim is measured against.
/// </summary>
public static class ParameterAdaptation
{
    public static ParameterAdaptationResult Run(
        ChainNetwork seed,
        nn.Module<Tensor[], Tensor>? seedHead,
        ChainArchitecture target,
        IVisionTask task,
        TaskData train,
        TaskData validation,
        TrainerOptions options,
        Initialisation initialisation,
        IProgress<TrainingProgress>? progress = null)
    {
        var (network, head) = TaskTrainer.CreateModel(task, () => new ChainNetwork(target), options.Seed);
        if (initialisation == Initialisation.Remapped)
        {
            NetworkExpansion.RemapInto(seed, (ChainNetwork)network);
            if (seedHead is not null)
            {
                ModuleRemapping.Remap(seedHead, head);
            }
        }

        var before = TaskEvaluator.Evaluate(network, head, task, validation);
        var loss = new TaskTrainer(network, head, task, options).Train(train, progress);
        var after = TaskEvaluator.Evaluate(network, head, task, validation);
        return new ParameterAdaptationResult((ChainNetwork)network, head, before, after, loss);
    }
}

/// <summary>How the adapted network's parameters start.</summary>
public enum Initialisation
{
    Remapped,
    Random,
}

/// <summary>The fine-tuned network and head, the metric before and after fine-tuning, and the last epoch's mean loss.</summary>
public sealed record ParameterAdaptationResult(ChainNetwork Network, nn.Module<Tensor[], Tensor> Head, double MetricBefore, double MetricAfter, double FinalLoss);
