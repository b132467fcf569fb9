using System.Text.Json;
using NasPipeline.SearchSpaces;
using NasPipeline.Supernet.Designs;
using NasPipeline.Supernet.Sandwich;
using NasPipeline.Supernet.Training;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Supernet.Experiments;

/// <summary>
/// One supernet of a built-in space trained on one task by a <see cref="SupernetRecipe"/>, and the reading of any
/// subnet's metric from it (extract, recalibrate BN, evaluate). What the CLI, the benchmarks and the stages share.
/// </summary>
public sealed class SupernetExperiment : IDisposable
{
    private readonly SupernetTrainer _trainer;

    /// <param name="sampler">The subnets of each step; null is the recipe's sandwich.</param>
    public SupernetExperiment(ISearchSpace space, IVisionTask task, SupernetRecipe recipe, IProgress<SupernetStepReport>? steps = null, ISubnetSampler? sampler = null)
    {
        Space = space;
        Task = task;
        Recipe = recipe;
        Supernet = SupernetDesigns.Create(space, (ulong)recipe.Seed, recipe.SwitchableScaling, recipe.Init, recipe.KernelTransforms);
        _trainer = new SupernetTrainer(Supernet, task, recipe.ToTrainingOptions(), steps, sampler: sampler);
        Evaluator = new SubnetEvaluator(task, _trainer.Head);
    }

    public ISearchSpace Space { get; }

    public IVisionTask Task { get; }

    public SupernetRecipe Recipe { get; }

    public ElasticSupernet Supernet { get; }

    public SubnetEvaluator Evaluator { get; }

    /// <summary>The task head trained with the supernet (fine-tuned with it by NAT's adaptation).</summary>
    public TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor[], TorchSharp.torch.Tensor> Head => _trainer.Head;

    public IReadOnlyList<SupernetEpochReport> Train(TaskData train, IProgress<SupernetEpochReport>? epochs = null, CancellationToken cancellation = default) =>
        _trainer.Train(train, epochs, cancellation);

    /// <summary>The subnet's task metric on <paramref name="split"/>, its BN recalibrated on the first batches of <paramref name="calibration"/>.</summary>
    public double Evaluate(IReadOnlyList<int> encoding, TaskData calibration, TaskData split) =>
        Evaluator.Evaluate(Supernet, Space.Repair(encoding), calibration, split);

    /// <summary>Supernet and head weights, labelled with the recipe as JSON (<see cref="RecipeOf"/> reads it back).</summary>
    public byte[] SaveCheckpoint() => SupernetCheckpoint.Save(Supernet, _trainer.Head, JsonSerializer.Serialize(Recipe));

    /// <summary>The recipe a checkpoint of <see cref="SaveCheckpoint"/> was trained with, so it can be rebuilt to load it.</summary>
    public static SupernetRecipe RecipeOf(SupernetCheckpoint checkpoint) =>
        (checkpoint.Label.Length > 0 ? JsonSerializer.Deserialize<SupernetRecipe>(checkpoint.Label) : null)
        ?? throw new InvalidDataException("The checkpoint does not record its training recipe.");

    /// <summary>Loads weights saved by <see cref="SaveCheckpoint"/> for the same space, task and switchable-scaling setting.</summary>
    public void RestoreCheckpoint(SupernetCheckpoint checkpoint) => checkpoint.Restore(Supernet, _trainer.Head);

    public void Dispose() => _trainer.Dispose();
}
