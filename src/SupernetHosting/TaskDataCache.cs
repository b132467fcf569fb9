using System.Collections.Concurrent;
using NasPipeline.Adaptation.Planning;
using NasPipeline.Supernet.Experiments;
using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.SupernetHosting;

/// <summary>
/// Each task's Fashion-MNIST-derived splits, loaded once per process. The derivation seed is fixed, so every
/// adaptation and measurement of every run sees the same images and a measured value means the same thing in all runs.
/// </summary>
public sealed class TaskDataCache
{
    public const int DataSeed = 1;

    private readonly ConcurrentDictionary<(string Task, string Folder, int TrainImages, int EvaluationImages), TaskDataSets> _sets = new();

    public TaskDataSets Get(IVisionTask task, string folder, int trainImages, int evaluationImages) =>
        _sets.GetOrAdd((task.Name, folder, trainImages, evaluationImages), _ =>
        {
            if (!File.Exists(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz")))
            {
                throw new AdaptationException($"Training needs Fashion-MNIST's IDX files in {folder}: install the Debian package dataset-fashion-mnist, or point the stage's Data setting (Adapt__Data, PseudoLabel__Data) at their folder.");
            }

            return TaskDataSets.Load(task, new FashionMnistOptions(folder), trainImages, evaluationImages, DataSeed);
        });
}
