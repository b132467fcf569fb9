using NasPipeline.Vision.Data;
using NasPipeline.Vision.Tasks;

namespace NasPipeline.Supernet.Experiments;

/// <summary>A task's train, validation and test data derived from Fashion-MNIST's seeded splits (DESIGN.md section 5).</summary>
public sealed record TaskDataSets(TaskData Train, TaskData Validation, TaskData Test)
{
    /// <param name="trainImages">The first images of the training split (its order is the dataset's, fixed).</param>
    /// <param name="evaluationImages">Images of the validation and of the official test split to keep (at most 5,000 and 10,000).</param>
    public static TaskDataSets Load(IVisionTask task, FashionMnistOptions data, int trainImages, int evaluationImages, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainImages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluationImages, 1);
        var splits = FashionMnist.LoadSplits(data);
        return new TaskDataSets(
            task.Prepare(splits.Train.Take(trainImages), seed),
            task.Prepare(splits.Validation.Take(evaluationImages), seed + 1),
            task.Prepare(splits.Test.Take(evaluationImages), seed + 2));
    }
}
